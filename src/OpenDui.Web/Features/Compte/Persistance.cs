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
