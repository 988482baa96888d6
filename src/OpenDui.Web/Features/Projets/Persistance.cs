using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Projets;

/// <summary>The Projets module's tables as properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesProjets
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<ProjetPersonnalise> Projets => db.Set<ProjetPersonnalise>();
        public DbSet<ReferentProjet> ReferentsProjet => db.Set<ReferentProjet>();
        public DbSet<VersionProjet> VersionsProjet => db.Set<VersionProjet>();
        public DbSet<ObjectifProjet> ObjectifsProjet => db.Set<ObjectifProjet>();
        public DbSet<ActionProjet> ActionsProjet => db.Set<ActionProjet>();
    }
}

internal sealed class ConfigurationProjet : IEntityTypeConfiguration<ProjetPersonnalise>
{
    public void Configure(EntityTypeBuilder<ProjetPersonnalise> e)
    {
        e.ToTable("ProjetsPersonnalises");
        e.Property(x => x.Version).IsConcurrencyToken();
        // One projet per séjour: two first drafts racing cannot make two.
        e.HasIndex(x => x.SejourId).IsUnique();
        e.HasIndex(x => x.UsagerId);
        // Deadlines per ESSMS read the séjours of the ESSMS with their projet's last validation.
        e.HasIndex(x => new { x.EssmsId, x.DateDerniereValidation });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Sejour>().WithMany().HasForeignKey(x => x.SejourId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationReferentProjet : IEntityTypeConfiguration<ReferentProjet>
{
    public void Configure(EntityTypeBuilder<ReferentProjet> e)
    {
        e.ToTable("ReferentsProjet");
        e.HasIndex(x => new { x.ProjetId, x.ProfessionnelId }).IsUnique();
        // "The people I am référent of" (Ma journée, the deadlines per référent).
        e.HasIndex(x => new { x.ProfessionnelId, x.ProjetId });
        e.HasOne<ProjetPersonnalise>().WithMany().HasForeignKey(x => x.ProjetId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Professionnel>().WithMany().HasForeignKey(x => x.ProfessionnelId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationVersionProjet : IEntityTypeConfiguration<VersionProjet>
{
    public const int LongueurTexte = 4000;
    public const int LongueurContenu = 100_000;

    public void Configure(EntityTypeBuilder<VersionProjet> e)
    {
        e.ToTable("VersionsProjet");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Attentes).HasMaxLength(LongueurTexte);
        e.Property(x => x.Contenu).HasMaxLength(LongueurContenu);
        e.Property(x => x.CreeParNom).HasMaxLength(200);
        e.Property(x => x.ValideParNom).HasMaxLength(200);
        e.HasIndex(x => new { x.ProjetId, x.Numero }).IsUnique();
        // One draft at a time per projet: two "réviser" racing cannot both open one.
        e.HasIndex(x => x.ProjetId).IsUnique().HasFilter("\"Statut\" = 'Brouillon'").HasDatabaseName("IX_VersionsProjet_ProjetId_Brouillon");
        e.HasOne<ProjetPersonnalise>().WithMany().HasForeignKey(x => x.ProjetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationObjectifProjet : IEntityTypeConfiguration<ObjectifProjet>
{
    public const int LongueurLibelle = 500;

    public void Configure(EntityTypeBuilder<ObjectifProjet> e)
    {
        e.ToTable("ObjectifsProjet");
        e.Property(x => x.Libelle).HasMaxLength(LongueurLibelle);
        e.Property(x => x.Critere).HasMaxLength(ConfigurationVersionProjet.LongueurTexte);
        e.Property(x => x.BilanCommentaire).HasMaxLength(ConfigurationVersionProjet.LongueurTexte);
        e.HasIndex(x => new { x.VersionId, x.Ordre });
        e.HasOne<VersionProjet>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConfigurationActionProjet : IEntityTypeConfiguration<ActionProjet>
{
    public void Configure(EntityTypeBuilder<ActionProjet> e)
    {
        e.ToTable("ActionsProjet");
        e.Property(x => x.Libelle).HasMaxLength(ConfigurationObjectifProjet.LongueurLibelle);
        e.Property(x => x.Moyens).HasMaxLength(ConfigurationVersionProjet.LongueurTexte);
        e.Property(x => x.Porteur).HasMaxLength(200);
        e.HasIndex(x => new { x.VersionId, x.ObjectifId, x.Ordre });
        // "My actions this week": a range on the due date of the actions I carry.
        e.HasIndex(x => new { x.PorteurId, x.Echeance });
        e.HasOne<ObjectifProjet>().WithMany().HasForeignKey(x => x.ObjectifId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<VersionProjet>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Professionnel>().WithMany().HasForeignKey(x => x.PorteurId).OnDelete(DeleteBehavior.Restrict);
    }
}
