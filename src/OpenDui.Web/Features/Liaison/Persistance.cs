using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Liaison;

/// <summary>The Liaison module's table as a property of the unit of work (<c>db.LettresLiaison</c>).</summary>
public static class TablesLiaison
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<LettreLiaison> LettresLiaison => db.Set<LettreLiaison>();
    }
}

internal sealed class ConfigurationLettreLiaison : IEntityTypeConfiguration<LettreLiaison>
{
    public void Configure(EntityTypeBuilder<LettreLiaison> e)
    {
        e.ToTable("LettresLiaison");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Etablissement).HasMaxLength(GestionLiaison.LongueurEtablissement);
        e.Property(x => x.Motif).HasMaxLength(GestionLiaison.LongueurTexte);
        e.Property(x => x.EtatSante).HasMaxLength(GestionLiaison.LongueurTexte);
        e.Property(x => x.PointsVigilance).HasMaxLength(GestionLiaison.LongueurTexte);
        e.Property(x => x.Besoins).HasMaxLength(GestionLiaison.LongueurTexte);
        e.Property(x => x.Reprise).HasMaxLength(100_000);
        e.Property(x => x.CreeParNom).HasMaxLength(200);
        e.Property(x => x.ValideeParNom).HasMaxLength(200);
        e.Ignore(x => x.TypeCda);
        e.Ignore(x => x.Titre);
        // Versions are numbered in their series; one draft at a time per series (two corrections racing cannot both open).
        e.HasIndex(x => new { x.SerieId, x.Numero }).IsUnique();
        e.HasIndex(x => x.SerieId).IsUnique().HasFilter("\"Statut\" = 'Brouillon'").HasDatabaseName("IX_LettresLiaison_SerieId_Brouillon");
        e.HasIndex(x => x.UsagerId);
        e.HasIndex(x => x.SejourId);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Sejour>().WithMany().HasForeignKey(x => x.SejourId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}
