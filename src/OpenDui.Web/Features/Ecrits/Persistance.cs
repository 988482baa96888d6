using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Ecrits;

/// <summary>The Ecrits module's tables as properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesEcrits
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<Ecrit> Ecrits => db.Set<Ecrit>();
        public DbSet<LectureEcrit> LecturesEcrits => db.Set<LectureEcrit>();
        public DbSet<ObjectionPartage> ObjectionsPartage => db.Set<ObjectionPartage>();
    }
}

internal sealed class ConfigurationEcrit : IEntityTypeConfiguration<Ecrit>
{
    public const int LongueurCible = 200;
    public const int LongueurTexte = 8000;
    public const int LongueurCle = 100;

    public void Configure(EntityTypeBuilder<Ecrit> e)
    {
        e.ToTable("Ecrits");
        e.Property(x => x.Cible).HasMaxLength(LongueurCible);
        e.Property(x => x.Donnees).HasMaxLength(LongueurTexte);
        e.Property(x => x.Actions).HasMaxLength(LongueurTexte);
        e.Property(x => x.Resultats).HasMaxLength(LongueurTexte);
        e.Property(x => x.Texte).HasMaxLength(LongueurTexte);
        e.Property(x => x.AuteurNom).HasMaxLength(200);
        e.Property(x => x.CleIdempotence).HasMaxLength(LongueurCle);
        // The record's écrits newest first, paged by key.
        e.HasIndex(x => new { x.UsagerId, x.Horodatage, x.Id });
        // "Ma journée": the recent écrits of the reader's ESSMS.
        e.HasIndex(x => new { x.EssmsId, x.Horodatage });
        // A re-sent submission finds the first écrit; two racing ones cannot both be saved.
        e.HasIndex(x => new { x.AuteurId, x.CleIdempotence }).IsUnique();
        // One correction per écrit: the next one corrects the correction, so two racing corrections cannot both be kept.
        e.HasIndex(x => x.CorrigeEcritId).IsUnique();
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Ecrit>().WithMany().HasForeignKey(x => x.CorrigeEcritId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationLectureEcrit : IEntityTypeConfiguration<LectureEcrit>
{
    public void Configure(EntityTypeBuilder<LectureEcrit> e)
    {
        e.ToTable("LecturesEcrits");
        // "Has this professional read this écrit?" is a key look-up.
        e.HasKey(x => new { x.EcritId, x.ProfessionnelId });
        // "What has this professional read lately?" ("Ma journée"): a range, and the écrits' ids from the index alone.
        e.HasIndex(x => new { x.ProfessionnelId, x.LuLe, x.EcritId });
        e.HasOne<Ecrit>().WithMany().HasForeignKey(x => x.EcritId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConfigurationObjectionPartage : IEntityTypeConfiguration<ObjectionPartage>
{
    public const int LongueurPropos = 2000;

    public void Configure(EntityTypeBuilder<ObjectionPartage> e)
    {
        e.ToTable("ObjectionsPartage");
        e.Property(x => x.Propos).HasMaxLength(LongueurPropos);
        e.Property(x => x.RecueillieParNom).HasMaxLength(200);
        e.Property(x => x.LeveeParNom).HasMaxLength(200);
        e.HasIndex(x => x.UsagerId);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// French full-text search of the écrits on PostgreSQL: a stored tsvector of their words (french stemming) with a GIN
/// index. On SQLite the FTS5 table EcritsFts (porter + unicode61 without diacritics) is kept in step by triggers that the
/// migration creates.
/// </summary>
internal sealed class ConfigurationEcritPostgres : IConfigurationPostgres
{
    public const string Recherche = "Recherche";

    public void Configurer(ModelBuilder b)
    {
        b.Entity<Ecrit>().Property<NpgsqlTypes.NpgsqlTsVector>(Recherche).IsGeneratedTsVectorColumn(RechercheFrancaise.Configuration,
            nameof(Ecrit.Cible), nameof(Ecrit.Donnees), nameof(Ecrit.Actions), nameof(Ecrit.Resultats), nameof(Ecrit.Texte));
        b.Entity<Ecrit>().HasIndex(Recherche).HasMethod("GIN");
    }
}
