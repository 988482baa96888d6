using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Sejours;

/// <summary>How the Sejours module's entities are stored (picked up by <c>ApplyConfigurationsFromAssembly</c>), and its tables as
/// properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesSejours
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<Sejour> Sejours => db.Set<Sejour>();
    }
}

internal sealed class ConfigurationSejour : IEntityTypeConfiguration<Sejour>
{
    public void Configure(EntityTypeBuilder<Sejour> e)
    {
        e.ToTable("Sejours");
        e.Ignore(s => s.Statut);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasIndex(s => new { s.EssmsId, s.UsagerId });
        // Covers the perimeter check (EXISTS a séjour of this usager in my ESSMS or units) without reading rows.
        e.HasIndex(s => new { s.UsagerId, s.EssmsId, s.UniteId, s.Annule });
        e.HasIndex(s => new { s.UniteId, s.UsagerId });
        e.HasOne(s => s.Essms).WithMany().HasForeignKey(s => s.EssmsId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(s => s.Unite).WithMany().HasForeignKey(s => s.UniteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(s => s.IdentifiantLocal).WithMany().HasForeignKey(s => s.IdentifiantLocalId).OnDelete(DeleteBehavior.Restrict);
    }
}
