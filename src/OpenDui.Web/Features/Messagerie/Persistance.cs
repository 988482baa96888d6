using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Messagerie;

/// <summary>The Messagerie module's tables as properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesMessagerie
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<MessageMss> MessagesMss => db.Set<MessageMss>();
        public DbSet<PieceMss> PiecesMss => db.Set<PieceMss>();
        public DbSet<AccuseMss> AccusesMss => db.Set<AccuseMss>();
        public DbSet<PartenaireMss> PartenairesMss => db.Set<PartenaireMss>();
        public DbSet<JetonEnvoiMss> JetonsEnvoiMss => db.Set<JetonEnvoiMss>();
    }
}

internal sealed class ConfigurationMessageMss : IEntityTypeConfiguration<MessageMss>
{
    public void Configure(EntityTypeBuilder<MessageMss> e)
    {
        e.ToTable("MessagesMss");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.MessageIdMime).HasMaxLength(300);
        e.Property(x => x.Boite).HasMaxLength(254);
        e.Property(x => x.Expediteur).HasMaxLength(300);
        e.Property(x => x.Destinataires).HasMaxLength(2000);
        e.Property(x => x.Objet).HasMaxLength(GestionMessagerie.LongueurObjet);
        e.Property(x => x.Corps).HasMaxLength(GestionMessagerie.LongueurCorpsRecu);
        e.Property(x => x.AuteurNom).HasMaxLength(200);
        e.Property(x => x.Remarque).HasMaxLength(1000);
        e.Property(x => x.CleMime).HasMaxLength(64);
        e.Property(x => x.TraiteParNom).HasMaxLength(200);
        // A message is kept once per direction and mailbox: reading the same message again changes nothing.
        e.HasIndex(x => new { x.Sens, x.Boite, x.MessageIdMime }).IsUnique();
        e.HasIndex(x => new { x.UsagerId, x.CreeLe });
        e.HasIndex(x => x.Etat);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Pieces).WithOne().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Accuses).WithOne().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConfigurationPieceMss : IEntityTypeConfiguration<PieceMss>
{
    public void Configure(EntityTypeBuilder<PieceMss> e)
    {
        e.ToTable("PiecesMss");
        e.Property(x => x.NomFichier).HasMaxLength(200);
        e.Property(x => x.TypeContenu).HasMaxLength(100);
        e.Property(x => x.Empreinte).HasMaxLength(64);
        e.Property(x => x.CleStockage).HasMaxLength(64);
        e.Property(x => x.CodeType).HasMaxLength(64);
        e.Property(x => x.Refus).HasMaxLength(300);
    }
}

internal sealed class ConfigurationAccuseMss : IEntityTypeConfiguration<AccuseMss>
{
    public void Configure(EntityTypeBuilder<AccuseMss> e)
    {
        e.ToTable("AccusesMss");
        e.Property(x => x.De).HasMaxLength(300);
        e.Property(x => x.Detail).HasMaxLength(1000);
        e.Property(x => x.MessageIdMime).HasMaxLength(300);
        e.HasIndex(x => new { x.MessageId, x.MessageIdMime }).IsUnique();
    }
}

internal sealed class ConfigurationPartenaireMss : IEntityTypeConfiguration<PartenaireMss>
{
    public void Configure(EntityTypeBuilder<PartenaireMss> e)
    {
        e.ToTable("PartenairesMss");
        e.Property(x => x.Nom).HasMaxLength(100);
        e.Property(x => x.Prenom).HasMaxLength(100);
        e.Property(x => x.Profession).HasMaxLength(100);
        e.Property(x => x.Adresse).HasMaxLength(254);
        e.Property(x => x.Rpps).HasMaxLength(11);
        e.HasIndex(x => new { x.OrganismeId, x.Adresse }).IsUnique();
        e.HasOne<OrganismeGestionnaire>().WithMany().HasForeignKey(x => x.OrganismeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationJetonEnvoiMss : IEntityTypeConfiguration<JetonEnvoiMss>
{
    public void Configure(EntityTypeBuilder<JetonEnvoiMss> e)
    {
        e.ToTable("JetonsEnvoiMss");
        e.HasKey(x => x.MessageId);
        e.Property(x => x.JetonChiffre).HasMaxLength(8000);
        e.HasIndex(x => x.ExpireLe);
        e.HasOne<MessageMss>().WithOne().HasForeignKey<JetonEnvoiMss>(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
