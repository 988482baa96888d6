using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Features.Structures;

namespace OpenDui.Web.Features.Professionnels;

/// <summary>How the Professionnels module's entities are stored (picked up by <c>ApplyConfigurationsFromAssembly</c>), and its tables as
/// properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesProfessionnels
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<Habilitation> Habilitations => db.Set<Habilitation>();
    }
}

internal sealed class ConfigurationProfessionnel : IEntityTypeConfiguration<Professionnel>
{
    public void Configure(EntityTypeBuilder<Professionnel> e)
    {
        e.Property(p => p.Nom).HasMaxLength(100);
        e.Property(p => p.Prenom).HasMaxLength(100);
        e.Property(p => p.Rpps).HasMaxLength(11);
        e.HasIndex(p => p.Rpps).IsUnique();
        // One account per Pro Santé Connect identity (several accounts may have none).
        e.Property(p => p.IdentifiantNational).HasMaxLength(40);
        e.HasIndex(p => p.IdentifiantNational).IsUnique();
        e.Property(p => p.AdresseMssPersonnelle).HasMaxLength(254);
        // A personal MSSanté mailbox has one holder (the sender the recipient sees), even when two set it at once.
        e.HasIndex(p => p.AdresseMssPersonnelle).IsUnique();
        e.HasMany(p => p.Habilitations).WithOne().HasForeignKey(h => h.ProfessionnelId);
    }
}

internal sealed class ConfigurationHabilitation : IEntityTypeConfiguration<Habilitation>
{
    public void Configure(EntityTypeBuilder<Habilitation> e)
    {
        e.ToTable("Habilitations");
        e.HasOne<Essms>().WithMany().HasForeignKey(h => h.EssmsId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unite>().WithMany().HasForeignKey(h => h.UniteId).OnDelete(DeleteBehavior.Restrict);
    }
}
