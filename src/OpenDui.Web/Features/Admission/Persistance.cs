using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Admission;

/// <summary>The Admission module's tables as properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesAdmission
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<DemandeAdmission> DemandesAdmission => db.Set<DemandeAdmission>();
        public DbSet<HistoriqueDemande> HistoriqueDemandes => db.Set<HistoriqueDemande>();
        public DbSet<ReglageAdmission> ReglagesAdmission => db.Set<ReglageAdmission>();
        public DbSet<Orientation> Orientations => db.Set<Orientation>();
    }
}

internal sealed class ConfigurationDemandeAdmission : IEntityTypeConfiguration<DemandeAdmission>
{
    public void Configure(EntityTypeBuilder<DemandeAdmission> e)
    {
        e.ToTable("DemandesAdmission");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Reference).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(DemandeAdmission.LongueurNote);
        e.Property(x => x.Pieces).HasMaxLength(DemandeAdmission.LongueurNote);
        e.Property(x => x.MotifRefus).HasMaxLength(1000);
        e.Property(x => x.Reorientation).HasMaxLength(300);
        e.Property(x => x.NomNaissance).HasMaxLength(100);
        e.Property(x => x.PrenomsNaissance).HasMaxLength(200);
        e.Property(x => x.NomUtilise).HasMaxLength(100);
        e.Property(x => x.PrenomUtilise).HasMaxLength(100);
        e.Ignore(x => x.Candidat);
        // The list per ESSMS and status (the desk's list, the waiting list, the requests without an answer).
        e.HasIndex(x => new { x.EssmsId, x.Statut, x.RecueLe });
        e.HasIndex(x => x.UsagerId);
        e.HasIndex(x => x.OrientationId);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Sejour>().WithMany().HasForeignKey(x => x.SejourId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Orientation>().WithMany().HasForeignKey(x => x.OrientationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationHistoriqueDemande : IEntityTypeConfiguration<HistoriqueDemande>
{
    public void Configure(EntityTypeBuilder<HistoriqueDemande> e)
    {
        e.ToTable("HistoriqueDemandesAdmission");
        e.Property(x => x.AuteurNom).HasMaxLength(200);
        e.Property(x => x.Commentaire).HasMaxLength(DemandeAdmission.LongueurNote);
        e.HasIndex(x => new { x.DemandeId, x.Horodatage });
        e.HasOne<DemandeAdmission>().WithMany().HasForeignKey(x => x.DemandeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationReglageAdmission : IEntityTypeConfiguration<ReglageAdmission>
{
    public void Configure(EntityTypeBuilder<ReglageAdmission> e)
    {
        e.ToTable("ReglagesAdmission");
        e.HasKey(x => x.EssmsId);
        e.HasOne<Essms>().WithOne().HasForeignKey<ReglageAdmission>(x => x.EssmsId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConfigurationOrientation : IEntityTypeConfiguration<Orientation>
{
    public void Configure(EntityTypeBuilder<Orientation> e)
    {
        e.ToTable("Orientations");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.CategorieFiness).HasMaxLength(3);
        e.Property(x => x.Libelle).HasMaxLength(300);
        e.Property(x => x.Autorite).HasMaxLength(200);
        e.Property(x => x.NumeroDecision).HasMaxLength(100);
        e.Property(x => x.IdentifiantNational).HasMaxLength(100);
        e.Ignore(x => x.DateRenouvellement);
        // The renewals due: the orientations ending by a date.
        e.HasIndex(x => new { x.UsagerId, x.Fin });
        e.HasIndex(x => x.Fin);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
