using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Photos;

/// <summary>The Photos module's table as a property of the unit of work (<c>db.PhotosUsagers</c>).</summary>
public static class TablesPhotos
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<PhotoUsager> PhotosUsagers => db.Set<PhotoUsager>();
    }
}

internal sealed class ConfigurationPhotoUsager : IEntityTypeConfiguration<PhotoUsager>
{
    public void Configure(EntityTypeBuilder<PhotoUsager> e)
    {
        e.ToTable("PhotosUsagers");
        e.Property(x => x.TypeContenu).HasMaxLength(50);
        e.Property(x => x.Empreinte).HasMaxLength(64);
        e.Property(x => x.CleStockage).HasMaxLength(32);
        e.Property(x => x.PriseParNom).HasMaxLength(200);
        // One photo per person: a new one replaces it.
        e.HasIndex(x => x.UsagerId).IsUnique();
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
