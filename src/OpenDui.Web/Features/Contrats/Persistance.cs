using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Contrats;

/// <summary>The Contrats module's tables as properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesContrats
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<ContratSejour> Contrats => db.Set<ContratSejour>();
        public DbSet<RemiseAdmission> RemisesAdmission => db.Set<RemiseAdmission>();
        public DbSet<ModeleContrat> ModelesContrat => db.Set<ModeleContrat>();
        public DbSet<AvenantContrat> AvenantsContrat => db.Set<AvenantContrat>();
    }
}

internal sealed class ConfigurationContrat : IEntityTypeConfiguration<ContratSejour>
{
    public void Configure(EntityTypeBuilder<ContratSejour> e)
    {
        e.ToTable("Contrats");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Raison).HasMaxLength(400);
        e.Property(x => x.Texte).HasMaxLength(40_000);
        e.Property(x => x.Participants).HasMaxLength(2000);
        e.Property(x => x.PrepareParNom).HasMaxLength(200);
        e.Property(x => x.RemisA).HasMaxLength(200);
        e.Property(x => x.RepresentantLegal).HasMaxLength(200);
        e.Property(x => x.SignePourEtablissement).HasMaxLength(200);
        e.Property(x => x.MotifResiliation).HasMaxLength(500);
        // One document in force per séjour: two drawings up racing cannot make two (the others are history).
        e.HasIndex(x => x.SejourId).IsUnique().HasFilter("\"Statut\" IN ('Prepare', 'Remis', 'Signe')").HasDatabaseName("IX_Contrats_SejourId_EnVigueur");
        e.HasIndex(x => x.UsagerId);
        e.HasIndex(x => new { x.EssmsId, x.Statut });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Sejour>().WithMany().HasForeignKey(x => x.SejourId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationRemiseAdmission : IEntityTypeConfiguration<RemiseAdmission>
{
    public void Configure(EntityTypeBuilder<RemiseAdmission> e)
    {
        e.ToTable("RemisesAdmission");
        e.Property(x => x.RemisParNom).HasMaxLength(200);
        // Each document once per séjour: handing it twice is the same fact.
        e.HasIndex(x => new { x.SejourId, x.Document }).IsUnique();
        e.HasIndex(x => x.UsagerId);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Sejour>().WithMany().HasForeignKey(x => x.SejourId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationModeleContrat : IEntityTypeConfiguration<ModeleContrat>
{
    public void Configure(EntityTypeBuilder<ModeleContrat> e)
    {
        e.ToTable("ModelesContrat");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Titre).HasMaxLength(200);
        e.Property(x => x.Corps).HasMaxLength(40_000);
        e.Property(x => x.ModifieParNom).HasMaxLength(200);
        e.HasIndex(x => new { x.EssmsId, x.Type }).IsUnique();
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationAvenantContrat : IEntityTypeConfiguration<AvenantContrat>
{
    public void Configure(EntityTypeBuilder<AvenantContrat> e)
    {
        e.ToTable("AvenantsContrat");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Objet).HasMaxLength(1000);
        e.Property(x => x.Texte).HasMaxLength(40_000);
        e.Property(x => x.EtabliParNom).HasMaxLength(200);
        // Numbered in their contract: two drawn up at once cannot take the same number.
        e.HasIndex(x => new { x.ContratId, x.Numero }).IsUnique();
        e.HasIndex(x => x.UsagerId);
        e.HasOne<ContratSejour>().WithMany().HasForeignKey(x => x.ContratId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
