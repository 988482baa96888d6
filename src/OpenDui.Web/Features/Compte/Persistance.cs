using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

internal sealed class ConfigurationSessionPsc : IEntityTypeConfiguration<SessionPsc>
{
    public void Configure(EntityTypeBuilder<SessionPsc> e)
    {
        e.ToTable("SessionsPsc");
        e.Property(s => s.Id).HasMaxLength(64);
        e.HasOne<Professionnel>().WithMany().HasForeignKey(s => s.ProfessionnelId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => s.ExpireLe);
    }
}

internal sealed class ConfigurationPostePartage : IEntityTypeConfiguration<PostePartage>
{
    public void Configure(EntityTypeBuilder<PostePartage> e)
    {
        e.ToTable("PostesPartages");
        e.Property(p => p.Libelle).HasMaxLength(100);
        e.Property(p => p.EmpreinteJeton).HasMaxLength(64);
        e.Property(p => p.MarqueParNom).HasMaxLength(200);
        e.HasIndex(p => p.EmpreinteJeton).IsUnique();
        e.HasMany(p => p.Unites).WithOne().HasForeignKey(u => u.PostePartageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConfigurationPostePartageUnite : IEntityTypeConfiguration<PostePartageUnite>
{
    public void Configure(EntityTypeBuilder<PostePartageUnite> e)
    {
        e.ToTable("PostesPartagesUnites");
        e.HasKey(u => new { u.PostePartageId, u.UniteId });
        e.HasOne<OpenDui.Web.Features.Structures.Unite>().WithMany().HasForeignKey(u => u.UniteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationPriseDePoste : IEntityTypeConfiguration<PriseDePoste>
{
    public void Configure(EntityTypeBuilder<PriseDePoste> e)
    {
        e.ToTable("PrisesDePoste");
        e.Property(p => p.Motif).HasMaxLength(100);
        // "Who is on this tablet?": the open shifts of one device.
        e.HasIndex(p => new { p.PostePartageId, p.FermeeLe, p.ExpireLe });
        e.HasIndex(p => p.ProfessionnelId);
        e.HasOne<PostePartage>().WithMany().HasForeignKey(p => p.PostePartageId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Professionnel>().WithMany().HasForeignKey(p => p.ProfessionnelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConfigurationCodePersonnel : IEntityTypeConfiguration<CodePersonnel>
{
    public void Configure(EntityTypeBuilder<CodePersonnel> e)
    {
        e.ToTable("CodesPersonnels");
        e.HasKey(c => c.ProfessionnelId);
        e.Property(c => c.Empreinte).HasMaxLength(200);
        e.HasOne<Professionnel>().WithMany().HasForeignKey(c => c.ProfessionnelId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class TablesCompte
{
    extension(OpenDui.Web.Infrastructure.Data.OpenDuiDbContext db)
    {
        public DbSet<PostePartage> PostesPartages => db.Set<PostePartage>();
        public DbSet<PriseDePoste> PrisesDePoste => db.Set<PriseDePoste>();
        public DbSet<CodePersonnel> CodesPersonnels => db.Set<CodePersonnel>();
    }
}
