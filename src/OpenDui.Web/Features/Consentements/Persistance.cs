using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Consentements;

/// <summary>The Consentements module's tables as properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesConsentements
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<ChoixUsager> ChoixUsagers => db.Set<ChoixUsager>();
        public DbSet<DesignationPersonneDeConfiance> DesignationsPersonneDeConfiance => db.Set<DesignationPersonneDeConfiance>();
        public DbSet<InformationPersonneDeConfiance> InformationsPersonneDeConfiance => db.Set<InformationPersonneDeConfiance>();
        public DbSet<DirectivesAnticipees> DirectivesAnticipees => db.Set<DirectivesAnticipees>();
    }
}

internal sealed class ConfigurationChoixUsager : IEntityTypeConfiguration<ChoixUsager>
{
    public const int LongueurCommentaire = 1000;

    public void Configure(EntityTypeBuilder<ChoixUsager> e)
    {
        e.ToTable("ChoixUsagers");
        e.Property(x => x.RepresentantNom).HasMaxLength(200);
        e.Property(x => x.Commentaire).HasMaxLength(LongueurCommentaire);
        e.Property(x => x.CommentaireRetrait).HasMaxLength(LongueurCommentaire);
        e.Property(x => x.RecueilliParNom).HasMaxLength(200);
        e.Property(x => x.RetireParNom).HasMaxLength(200);
        // "What rules now" is the last recorded decision on one act: one index seek.
        e.HasIndex(x => new { x.UsagerId, x.Objet, x.RecueilliLe });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationDesignationPersonneDeConfiance : IEntityTypeConfiguration<DesignationPersonneDeConfiance>
{
    public void Configure(EntityTypeBuilder<DesignationPersonneDeConfiance> e)
    {
        e.ToTable("DesignationsPersonneDeConfiance");
        e.Property(x => x.NomPersonne).HasMaxLength(201);
        e.Property(x => x.AutorisationReference).HasMaxLength(200);
        e.Property(x => x.RecueilliParNom).HasMaxLength(200);
        e.Property(x => x.MotifRevocation).HasMaxLength(500);
        e.Property(x => x.RevoqueeParNom).HasMaxLength(200);
        e.HasIndex(x => x.UsagerId);
        // One personne de confiance at a time, held by the database: of two designations racing, the second insert fails.
        // Etat is in the key (constant inside the filter) so that EF orders a merge's revocation before the move of the
        // other record's designation in the same save (it orders updates that release and take a unique index value).
        e.HasIndex(x => new { x.UsagerId, x.Etat }).IsUnique().HasFilter("\"Etat\" = 'Active'")
            .HasDatabaseName("IX_DesignationsPersonneDeConfiance_UsagerId_Active");
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationInformationPersonneDeConfiance : IEntityTypeConfiguration<InformationPersonneDeConfiance>
{
    public void Configure(EntityTypeBuilder<InformationPersonneDeConfiance> e)
    {
        e.ToTable("InformationsPersonneDeConfiance");
        e.Property(x => x.InformePar).HasMaxLength(200);
        e.Property(x => x.Commentaire).HasMaxLength(ConfigurationChoixUsager.LongueurCommentaire);
        e.Property(x => x.RecueilliParNom).HasMaxLength(200);
        e.HasIndex(x => x.UsagerId);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationDirectivesAnticipees : IEntityTypeConfiguration<DirectivesAnticipees>
{
    public void Configure(EntityTypeBuilder<DirectivesAnticipees> e)
    {
        e.ToTable("DirectivesAnticipees");
        e.Property(x => x.Lieu).HasMaxLength(300);
        e.Property(x => x.Commentaire).HasMaxLength(ConfigurationChoixUsager.LongueurCommentaire);
        e.Property(x => x.RecueilliParNom).HasMaxLength(200);
        e.HasIndex(x => new { x.UsagerId, x.RecueilliLe });
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
