using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>The Evaluations module's tables as properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesEvaluations
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<Evaluation> Evaluations => db.Set<Evaluation>();
        public DbSet<GrilleEvaluation> GrillesEvaluation => db.Set<GrilleEvaluation>();
        public DbSet<VersionGrille> VersionsGrille => db.Set<VersionGrille>();
    }
}

internal sealed class ConfigurationGrilleEvaluation : IEntityTypeConfiguration<GrilleEvaluation>
{
    public void Configure(EntityTypeBuilder<GrilleEvaluation> e)
    {
        e.ToTable("GrillesEvaluation");
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.Nom).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(2000);
        e.Property(x => x.Champs).HasMaxLength(100);
        e.Property(x => x.Evaluateurs).HasMaxLength(300);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.Code).IsUnique();
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
        // The built-in grids exist on every database from the migration on (no start-up seeding to forget).
        e.HasData(GrillesIntegrees.Toutes.Select(g => new GrilleEvaluation
        {
            Id = g.Id, Code = g.Code, Nom = g.Nom, Description = g.Description, Nature = g.Nature, Integree = true,
            Champs = string.Join(",", g.Champs), PeriodiciteJours = g.PeriodiciteJours, Evaluateurs = string.Join(",", g.Evaluateurs), Active = true,
        }));
    }
}

internal sealed class ConfigurationVersionGrille : IEntityTypeConfiguration<VersionGrille>
{
    public void Configure(EntityTypeBuilder<VersionGrille> e)
    {
        e.ToTable("VersionsGrille");
        e.Property(x => x.Definition).HasMaxLength(200_000);
        e.Property(x => x.CreeeParNom).HasMaxLength(200);
        e.HasIndex(x => new { x.GrilleId, x.Numero }).IsUnique();
        e.HasOne<GrilleEvaluation>().WithMany().HasForeignKey(x => x.GrilleId).OnDelete(DeleteBehavior.Restrict);
        e.HasData(GrillesIntegrees.Toutes.Select(g => new VersionGrille
        {
            Id = g.VersionId, GrilleId = g.Id, Numero = 1, Definition = g.Definition.VersJson(),
            CreeeLe = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), CreeeParNom = "OpenDUI (grille de référence)",
        }));
    }
}

internal sealed class ConfigurationEvaluation : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> e)
    {
        e.ToTable("Evaluations");
        e.Property(x => x.AuteurNom).HasMaxLength(200);
        e.Property(x => x.Reponses).HasMaxLength(100_000);
        e.Property(x => x.Commentaire).HasMaxLength(4000);
        e.Property(x => x.Interpretation).HasMaxLength(200);
        e.Property(x => x.Score).HasPrecision(12, 2);
        e.Property(x => x.Version).IsConcurrencyToken();
        // The record's history per grid, newest first; the latest validated one per grid (panel, due dates, GMP).
        e.HasIndex(x => new { x.UsagerId, x.GrilleId, x.Statut, x.DateEvaluation });
        e.HasIndex(x => x.VersionGrilleId);
        // One replacement per validated evaluation: the next one replaces the replacement.
        e.HasIndex(x => x.RemplaceEvaluationId).IsUnique();
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<GrilleEvaluation>().WithMany().HasForeignKey(x => x.GrilleId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<VersionGrille>().WithMany().HasForeignKey(x => x.VersionGrilleId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Evaluation>().WithMany().HasForeignKey(x => x.RemplaceEvaluationId).OnDelete(DeleteBehavior.Restrict);
    }
}
