using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Soins;

/// <summary>The Soins module's tables as properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesSoins
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<Allergie> Allergies => db.Set<Allergie>();
        public DbSet<ProfilSoins> ProfilsSoins => db.Set<ProfilSoins>();
        public DbSet<ProblemeSante> ProblemesSante => db.Set<ProblemeSante>();
        public DbSet<Mesure> Mesures => db.Set<Mesure>();
        public DbSet<Chute> Chutes => db.Set<Chute>();
        public DbSet<ScoreRisque> ScoresRisque => db.Set<ScoreRisque>();
        public DbSet<ActePlanifie> ActesPlanifies => db.Set<ActePlanifie>();
        public DbSet<RealisationActe> RealisationsActes => db.Set<RealisationActe>();
    }
}

internal static class LongueursSoins
{
    public const int Libelle = 200;
    public const int Texte = 2000;
    public const int Nom = 200;
    public const int CodeSubstance = 20;
}

internal sealed class ConfigurationAllergie : IEntityTypeConfiguration<Allergie>
{
    public void Configure(EntityTypeBuilder<Allergie> e)
    {
        e.ToTable("Allergies");
        e.Property(x => x.Libelle).HasMaxLength(LongueursSoins.Libelle);
        e.Property(x => x.CodeSubstance).HasMaxLength(LongueursSoins.CodeSubstance);
        e.Property(x => x.Reaction).HasMaxLength(LongueursSoins.Texte);
        e.Property(x => x.RecueillieParNom).HasMaxLength(LongueursSoins.Nom);
        e.Property(x => x.StatutChangeParNom).HasMaxLength(LongueursSoins.Nom);
        // The medication checks read the active allergies of one person at each prescription and dose.
        e.HasIndex(x => new { x.UsagerId, x.Statut });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationProfilSoins : IEntityTypeConfiguration<ProfilSoins>
{
    public void Configure(EntityTypeBuilder<ProfilSoins> e)
    {
        e.ToTable("ProfilsSoins");
        e.Property(x => x.AucuneAllergieConnuePar).HasMaxLength(LongueursSoins.Nom);
        e.Property(x => x.Regime).HasMaxLength(LongueursSoins.Texte);
        e.Property(x => x.ModifieParNom).HasMaxLength(LongueursSoins.Nom);
        e.HasIndex(x => x.UsagerId);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationProblemeSante : IEntityTypeConfiguration<ProblemeSante>
{
    public void Configure(EntityTypeBuilder<ProblemeSante> e)
    {
        e.ToTable("ProblemesSante");
        e.Property(x => x.Libelle).HasMaxLength(LongueursSoins.Libelle);
        e.Property(x => x.Commentaire).HasMaxLength(LongueursSoins.Texte);
        e.Property(x => x.RecueilliParNom).HasMaxLength(LongueursSoins.Nom);
        e.HasIndex(x => x.UsagerId);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationMesure : IEntityTypeConfiguration<Mesure>
{
    public void Configure(EntityTypeBuilder<Mesure> e)
    {
        e.ToTable("Mesures");
        e.Property(x => x.Valeur).HasPrecision(9, 2);
        e.Property(x => x.Valeur2).HasPrecision(9, 2);
        e.Property(x => x.Commentaire).HasMaxLength(LongueursSoins.Texte);
        e.Property(x => x.AuteurNom).HasMaxLength(LongueursSoins.Nom);
        // A person's series of one kind, newest first (charts, latest values, alerts).
        e.HasIndex(x => new { x.UsagerId, x.Type, x.PriseLe });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationChute : IEntityTypeConfiguration<Chute>
{
    public void Configure(EntityTypeBuilder<Chute> e)
    {
        e.ToTable("Chutes");
        e.Property(x => x.Lieu).HasMaxLength(LongueursSoins.Libelle);
        e.Property(x => x.Circonstances).HasMaxLength(LongueursSoins.Texte);
        e.Property(x => x.DescriptionBlessure).HasMaxLength(LongueursSoins.Texte);
        e.Property(x => x.Temoin).HasMaxLength(LongueursSoins.Libelle);
        e.Property(x => x.Mesures).HasMaxLength(LongueursSoins.Texte);
        e.Property(x => x.AuteurNom).HasMaxLength(LongueursSoins.Nom);
        e.HasIndex(x => new { x.UsagerId, x.SurvenueLe });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationScoreRisque : IEntityTypeConfiguration<ScoreRisque>
{
    public void Configure(EntityTypeBuilder<ScoreRisque> e)
    {
        e.ToTable("ScoresRisque");
        e.Property(x => x.AuteurNom).HasMaxLength(LongueursSoins.Nom);
        e.HasIndex(x => new { x.UsagerId, x.Echelle, x.Date });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationActePlanifie : IEntityTypeConfiguration<ActePlanifie>
{
    public void Configure(EntityTypeBuilder<ActePlanifie> e)
    {
        e.ToTable("ActesPlanifies");
        e.Property(x => x.CodeActe).HasMaxLength(40);
        e.Property(x => x.Libelle).HasMaxLength(LongueursSoins.Libelle);
        e.Property(x => x.Precision).HasMaxLength(LongueursSoins.Texte);
        e.Property(x => x.CreeParNom).HasMaxLength(LongueursSoins.Nom);
        e.Property(x => x.ArreteParNom).HasMaxLength(LongueursSoins.Nom);
        e.HasIndex(x => new { x.UsagerId, x.Fin });
        e.HasIndex(x => new { x.EssmsId, x.Fin });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationRealisationActe : IEntityTypeConfiguration<RealisationActe>
{
    public const int LongueurCle = 64;

    public void Configure(EntityTypeBuilder<RealisationActe> e)
    {
        e.ToTable("RealisationsActes");
        e.Property(x => x.Motif).HasMaxLength(LongueursSoins.Texte);
        e.Property(x => x.ParNom).HasMaxLength(LongueursSoins.Nom);
        // One record per occurrence: of two carers tapping the same act at once, the second insert fails and sees the first.
        e.HasIndex(x => new { x.ActePlanifieId, x.Jour, x.Heure }).IsUnique();
        e.Property(x => x.CleIdempotence).HasMaxLength(LongueurCle);
        // A record sent again (offline queue, double tap) by its author finds the first.
        e.HasIndex(x => new { x.ParId, x.CleIdempotence }).IsUnique();
        e.HasIndex(x => x.UsagerId);
        e.HasOne<ActePlanifie>().WithMany().HasForeignKey(x => x.ActePlanifieId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
