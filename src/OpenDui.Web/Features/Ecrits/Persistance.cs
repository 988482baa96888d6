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
        // A re-sent submission finds the first écrit; two racing ones cannot both be saved.
        e.HasIndex(x => new { x.AuteurId, x.CleIdempotence }).IsUnique();
        // One correction per écrit: the next one corrects the correction, so two racing corrections cannot both be kept.
        e.HasIndex(x => x.CorrigeEcritId).IsUnique();
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Ecrit>().WithMany().HasForeignKey(x => x.CorrigeEcritId).OnDelete(DeleteBehavior.Restrict);
    }
}
