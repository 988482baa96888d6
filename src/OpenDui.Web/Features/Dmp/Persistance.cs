using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Dmp;

/// <summary>The DMP module's table (<c>db.DocumentsDmp</c>).</summary>
public static class TablesDmp
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<DocumentVerse> DocumentsDmp => db.Set<DocumentVerse>();
    }
}

internal sealed class ConfigurationDocumentVerse : IEntityTypeConfiguration<DocumentVerse>
{
    public void Configure(EntityTypeBuilder<DocumentVerse> e)
    {
        e.ToTable("DocumentsDmp");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.UniqueId).HasMaxLength(64);
        e.Property(x => x.UniqueIdRemplace).HasMaxLength(64);
        e.Property(x => x.Titre).HasMaxLength(200);
        e.Property(x => x.Raison).HasMaxLength(500);
        e.Property(x => x.AuteurNom).HasMaxLength(200);
        e.HasIndex(x => x.UniqueId).IsUnique();
        // Exactly one document per source version.
        e.HasIndex(x => x.SourceId).IsUnique();
        e.HasIndex(x => new { x.UsagerId, x.CreeLe });
        e.HasIndex(x => new { x.SetId, x.NumeroVersion });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Envoi>().WithMany().HasForeignKey(x => x.EnvoiId).OnDelete(DeleteBehavior.Restrict);
    }
}
