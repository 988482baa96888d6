using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Features.Structures;

namespace OpenDui.Web.Features.Usagers;

/// <summary>How the Usagers module's entities are stored (picked up by <c>ApplyConfigurationsFromAssembly</c>), and its tables as
/// properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesUsagers
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<Usager> Usagers => db.Set<Usager>();
        public DbSet<IdentifiantLocal> IdentifiantsLocaux => db.Set<IdentifiantLocal>();
        public DbSet<MotNomUsager> MotsNomsUsagers => db.Set<MotNomUsager>();
        public DbSet<Contact> Contacts => db.Set<Contact>();
        public DbSet<MesureProtection> MesuresProtection => db.Set<MesureProtection>();
        public DbSet<EvenementDossier> Chronologie => db.Set<EvenementDossier>();
    }
}

internal sealed class ConfigurationUsager : IEntityTypeConfiguration<Usager>
{
    public void Configure(EntityTypeBuilder<Usager> e)
    {
        e.ToTable("Usagers");
        e.Property(u => u.NomNaissance).HasMaxLength(100);
        e.Property(u => u.PrenomsNaissance).HasMaxLength(200);
        e.Property(u => u.PremierPrenom).HasMaxLength(100);
        e.Property(u => u.NomUtilise).HasMaxLength(100);
        e.Property(u => u.PrenomUtilise).HasMaxLength(100);
        e.Property(u => u.NomRecherche).HasMaxLength(100);
        e.Property(u => u.NomUtiliseRecherche).HasMaxLength(100);
        e.Property(u => u.LieuNaissance).HasMaxLength(5);
        e.Property(u => u.MatriculeIns).HasMaxLength(15);
        e.Property(u => u.OidIns).HasMaxLength(64);
        e.Property(u => u.Version).IsConcurrencyToken();
        e.HasIndex(u => u.NomRecherche);
        e.HasIndex(u => u.NomUtiliseRecherche);
        e.HasIndex(u => new { u.OrganismeId, u.DateNaissance });
        e.HasIndex(u => u.MatriculeIns);
        e.HasMany(u => u.IdentifiantsLocaux).WithOne().HasForeignKey(i => i.UsagerId);
        e.HasMany(u => u.Contacts).WithOne().HasForeignKey(c => c.UsagerId);
        e.HasMany(u => u.MesuresProtection).WithOne().HasForeignKey(m => m.UsagerId);
        e.HasMany(u => u.Sejours).WithOne().HasForeignKey(s => s.UsagerId);
        e.HasOne<OrganismeGestionnaire>().WithMany().HasForeignKey(u => u.OrganismeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationIdentifiantLocal : IEntityTypeConfiguration<IdentifiantLocal>
{
    public void Configure(EntityTypeBuilder<IdentifiantLocal> e)
    {
        e.ToTable("IdentifiantsLocaux");
        e.Property(i => i.Valeur).HasMaxLength(40);
        e.HasIndex(i => new { i.EssmsId, i.Valeur }).IsUnique();
        e.HasIndex(i => new { i.UsagerId, i.EssmsId });
        e.HasOne(i => i.Essms).WithMany().HasForeignKey(i => i.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationContact : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> e)
    {
        e.ToTable("Contacts");
        e.Property(c => c.Nom).HasMaxLength(100);
        e.Property(c => c.Prenom).HasMaxLength(100);
        e.Property(c => c.Lien).HasMaxLength(100);
        e.Property(c => c.Telephone).HasMaxLength(30);
        e.Property(c => c.Courriel).HasMaxLength(200);
        e.Property(c => c.Adresse).HasMaxLength(300);
    }
}

internal sealed class ConfigurationMesureProtection : IEntityTypeConfiguration<MesureProtection>
{
    public void Configure(EntityTypeBuilder<MesureProtection> e)
    {
        e.ToTable("MesuresProtection");
        e.Property(m => m.Mandataire).HasMaxLength(200);
        e.Property(m => m.Juridiction).HasMaxLength(200);
    }
}

/// <summary>Byte order for the folded names on PostgreSQL: prefix searches are index range scans, as on SQLite.</summary>
/// <summary>Table and indexes are declared on the entity itself (attributes).</summary>
internal sealed class ConfigurationMotNomUsager : IEntityTypeConfiguration<MotNomUsager>
{
    public void Configure(EntityTypeBuilder<MotNomUsager> e) => e.ToTable("MotsNomsUsagers");
}

internal sealed class ConfigurationUsagerPostgres : IConfigurationPostgres
{
    public void Configurer(ModelBuilder b)
    {
        b.Entity<Usager>().Property(u => u.NomRecherche).UseCollation("C");
        b.Entity<Usager>().Property(u => u.NomUtiliseRecherche).UseCollation("C");
    }
}
