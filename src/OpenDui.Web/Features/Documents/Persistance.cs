using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Documents;

/// <summary>The Documents module's tables as properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesDocuments
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<DocumentUsager> DocumentsUsagers => db.Set<DocumentUsager>();
    }
}

internal sealed class ConfigurationDocumentUsager : IEntityTypeConfiguration<DocumentUsager>
{
    public void Configure(EntityTypeBuilder<DocumentUsager> e)
    {
        e.ToTable("DocumentsUsagers");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Titre).HasMaxLength(GestionDocuments.LongueurTitre);
        e.Property(x => x.NomFichier).HasMaxLength(200);
        e.Property(x => x.TypeContenu).HasMaxLength(50);
        e.Property(x => x.Empreinte).HasMaxLength(64);
        e.Property(x => x.CleStockage).HasMaxLength(64);
        e.Property(x => x.DeposeParNom).HasMaxLength(200);
        e.Property(x => x.MotifRetrait).HasMaxLength(GestionDocuments.LongueurMotif);
        e.Property(x => x.RetireParNom).HasMaxLength(200);
        e.HasIndex(x => x.CleStockage).IsUnique();
        // The record's documents, and "is there one of this type" (À faire, other modules).
        e.HasIndex(x => new { x.UsagerId, x.Type });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}
