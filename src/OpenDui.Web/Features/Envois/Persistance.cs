using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Envois;

/// <summary>The Envois module's table as a property of the unit of work (<c>db.Envois</c>).</summary>
public static class TablesEnvois
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<Envoi> Envois => db.Set<Envoi>();
    }
}

internal sealed class ConfigurationEnvoi : IEntityTypeConfiguration<Envoi>
{
    public void Configure(EntityTypeBuilder<Envoi> e)
    {
        e.ToTable("Envois");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Canal).HasMaxLength(40);
        e.Property(x => x.Cle).HasMaxLength(200);
        e.Property(x => x.DerniereErreur).HasMaxLength(DistributeurEnvois.LongueurErreur);
        e.Property(x => x.Reference).HasMaxLength(200);
        // One envoi per key: the same document version or message is never queued twice.
        e.HasIndex(x => x.Cle).IsUnique();
        // What is due (the distributor's look), and the operator's list.
        e.HasIndex(x => new { x.Statut, x.ProchainEssai });
        // The usage indicators: sends of an ESSMS in a period.
        e.HasIndex(x => new { x.EssmsId, x.Canal, x.EnvoyeLe });
        e.HasIndex(x => x.UsagerId);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}
