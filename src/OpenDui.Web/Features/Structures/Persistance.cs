using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Structures;

/// <summary>How the Structures module's entities are stored (picked up by <c>ApplyConfigurationsFromAssembly</c>), and its tables as
/// properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesStructures
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<OrganismeGestionnaire> Organismes => db.Set<OrganismeGestionnaire>();
        public DbSet<Essms> Essms => db.Set<Essms>();
        public DbSet<Unite> Unites => db.Set<Unite>();
        public DbSet<CategorieFiness> CategoriesFiness => db.Set<CategorieFiness>();
        public DbSet<StatutJuridiqueFiness> StatutsJuridiquesFiness => db.Set<StatutJuridiqueFiness>();
    }
}

internal sealed class ConfigurationOrganismeGestionnaire : IEntityTypeConfiguration<OrganismeGestionnaire>
{
    public void Configure(EntityTypeBuilder<OrganismeGestionnaire> e)
    {
        e.ToTable("Organismes");
        e.Property(o => o.FinessEj).HasMaxLength(9);
        e.HasIndex(o => o.FinessEj).IsUnique();
        e.Property(o => o.RaisonSociale).HasMaxLength(200);
        e.Property(o => o.StatutJuridiqueCode).HasMaxLength(4);
        e.HasMany(o => o.Etablissements).WithOne(x => x.Organisme).HasForeignKey(x => x.OrganismeId);
    }
}

internal sealed class ConfigurationEssms : IEntityTypeConfiguration<Essms>
{
    public void Configure(EntityTypeBuilder<Essms> e)
    {
        e.ToTable("Essms");
        e.Property(x => x.FinessEt).HasMaxLength(9);
        e.HasIndex(x => x.FinessEt).IsUnique();
        e.Property(x => x.Nom).HasMaxLength(200);
        e.Property(x => x.CategorieCode).HasMaxLength(4);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasMany(x => x.Unites).WithOne(u => u.Essms).HasForeignKey(u => u.EssmsId);
    }
}

internal sealed class ConfigurationUnite : IEntityTypeConfiguration<Unite>
{
    public void Configure(EntityTypeBuilder<Unite> e)
    {
        e.ToTable("Unites");
        e.Property(u => u.Nom).HasMaxLength(200);
    }
}

internal sealed class ConfigurationCategorieFiness : IEntityTypeConfiguration<CategorieFiness>
{
    public void Configure(EntityTypeBuilder<CategorieFiness> e)
    {
        e.ToTable("CategoriesFiness");
        e.HasKey(c => c.Code);
    }
}

internal sealed class ConfigurationStatutJuridiqueFiness : IEntityTypeConfiguration<StatutJuridiqueFiness>
{
    public void Configure(EntityTypeBuilder<StatutJuridiqueFiness> e)
    {
        e.ToTable("StatutsJuridiquesFiness");
        e.HasKey(c => c.Code);
    }
}
