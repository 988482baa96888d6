using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Audit;

/// <summary>How the Audit module's entities are stored (picked up by <c>ApplyConfigurationsFromAssembly</c>), and its tables as
/// properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesAudit
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<TraceModification> TracesModification => db.Set<TraceModification>();
        public DbSet<TraceAcces> TracesAcces => db.Set<TraceAcces>();
    }
}

internal sealed class ConfigurationTraceModification : IEntityTypeConfiguration<TraceModification>
{
    public void Configure(EntityTypeBuilder<TraceModification> e)
    {
        e.ToTable("TracesModification");
        e.Property(x => x.AuteurNom).HasMaxLength(200);
        e.Property(x => x.Entite).HasMaxLength(100);
        e.Property(x => x.EntiteId).HasMaxLength(100);
        e.Property(x => x.Action).HasMaxLength(20);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.HashPrecedent).HasMaxLength(64);
        e.HasIndex(x => x.Horodatage);
        // A person's last change, and the last change of no one of an entity name, are one seek each: the mark of LecturesEnMemoire.
        e.HasIndex(x => new { x.UsagerId, x.Id });
        e.HasIndex(x => new { x.Entite, x.Id }, "IX_TracesModification_Entite_Id_SansUsager").HasFilter("\"UsagerId\" IS NULL");
        // The last change of an entity name whoever it is about (any séjour of the organisation: "Ma journée" keeps its people).
        e.HasIndex(x => new { x.Entite, x.Id }, "IX_TracesModification_Entite_Id");
        e.HasIndex(x => x.AuteurId);
    }
}

internal sealed class ConfigurationTraceAcces : IEntityTypeConfiguration<TraceAcces>
{
    public void Configure(EntityTypeBuilder<TraceAcces> e)
    {
        e.ToTable("TracesAcces");
        e.Property(x => x.AuteurNom).HasMaxLength(200);
        e.Property(x => x.Ressource).HasMaxLength(300);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.HashPrecedent).HasMaxLength(64);
        e.HasIndex(x => x.Horodatage);
        e.HasIndex(x => x.UsagerId);
        e.HasIndex(x => x.AuteurId);
    }
}
