using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Identitovigilance;

/// <summary>How the Identitovigilance module's entities are stored (picked up by <c>ApplyConfigurationsFromAssembly</c>), and its tables as
/// properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesIdentitovigilance
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<Fusion> Fusions => db.Set<Fusion>();
        public DbSet<DecisionNonDoublon> DecisionsNonDoublon => db.Set<DecisionNonDoublon>();
    }
}

internal sealed class ConfigurationFusion : IEntityTypeConfiguration<Fusion>
{
    public void Configure(EntityTypeBuilder<Fusion> e)
    {
        e.ToTable("Fusions");
        e.Property(f => f.Motif).HasMaxLength(500);
        e.Property(f => f.AuteurNom).HasMaxLength(200);
        e.Property(f => f.AnnuleePar).HasMaxLength(200);
        e.HasIndex(f => f.UsagerConserveId);
        e.HasIndex(f => f.UsagerFusionneId);
    }
}

internal sealed class ConfigurationDecisionNonDoublon : IEntityTypeConfiguration<DecisionNonDoublon>
{
    public void Configure(EntityTypeBuilder<DecisionNonDoublon> e)
    {
        e.ToTable("DecisionsNonDoublon");
        e.Property(x => x.Motif).HasMaxLength(500);
        e.Property(x => x.AuteurNom).HasMaxLength(200);
        e.Property(x => x.RetireePar).HasMaxLength(200);
        e.HasIndex(x => new { x.UsagerId, x.AutreUsagerId });
        e.HasIndex(x => x.AutreUsagerId);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.AutreUsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
