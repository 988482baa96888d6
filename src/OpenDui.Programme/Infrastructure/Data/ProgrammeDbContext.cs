using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Programme.Features;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Features.CiblesUsage;
using OpenDui.Programme.Features.Enveloppes;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Infrastructure.Data;

/// <summary>The console's unit of work. It never holds usager records: organisations, ESSMS, files, money and
/// aggregated counts only.</summary>
public abstract class ProgrammeDbContext(DbContextOptions options) : IdentityUserContext<Utilisateur, Guid>(options)
{
    public DbSet<Campagne> Campagnes => Set<Campagne>();
    public DbSet<Porteur> Porteurs => Set<Porteur>();
    public DbSet<Candidature> Candidatures => Set<Candidature>();
    public DbSet<EssmsCandidature> EssmsCandidatures => Set<EssmsCandidature>();
    public DbSet<ReservationEssms> ReservationsEssms => Set<ReservationEssms>();
    public DbSet<PieceCandidature> Pieces => Set<PieceCandidature>();
    public DbSet<ContenuPiece> ContenusPieces => Set<ContenuPiece>();
    public DbSet<ConsultationCd> Consultations => Set<ConsultationCd>();
    public DbSet<Versement> Versements => Set<Versement>();
    public DbSet<EvenementInstruction> Evenements => Set<EvenementInstruction>();
    public DbSet<Enveloppe> Enveloppes => Set<Enveloppe>();
    public DbSet<Engagement> Engagements => Set<Engagement>();
    public DbSet<Redeploiement> Redeploiements => Set<Redeploiement>();
    public DbSet<CibleUsage> Cibles => Set<CibleUsage>();
    public DbSet<RapportUsage> Rapports => Set<RapportUsage>();
    public DbSet<MesureIndicateur> Mesures => Set<MesureIndicateur>();
    public DbSet<CertificatSignature> CertificatsSignature => Set<CertificatSignature>();
    public DbSet<Ajustement> Ajustements => Set<Ajustement>();
    public DbSet<ApplicationAjustement> ApplicationsAjustement => Set<ApplicationAjustement>();
    public DbSet<Features.Instruction.CalendrierArs> CalendriersArs => Set<Features.Instruction.CalendrierArs>();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        foreach (var t in new[] { typeof(Profil), typeof(TypeProjet), typeof(TypeAppel), typeof(StatutCandidature), typeof(TailleOrganisme),
                     typeof(StatutAjustement), typeof(Referentiel.Nomenclatures.ChampActivite) })
            b.Properties(t).HaveConversion<string>().HaveMaxLength(40);
        // Money in euros and cents: a fixed precision on both providers (SQLite stores it as TEXT and keeps it exact).
        b.Properties<decimal>().HavePrecision(14, 2);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<Utilisateur>(e =>
        {
            e.Property(u => u.Nom).HasMaxLength(100);
            e.Property(u => u.Prenom).HasMaxLength(100);
            e.Property(u => u.RegionCode).HasMaxLength(3);
            e.HasOne<Porteur>().WithMany().HasForeignKey(u => u.PorteurId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Campagne>(e =>
        {
            e.HasKey(c => c.Annee);
            e.Property(c => c.Annee).ValueGeneratedNever();
            e.Property(c => c.Parametres).HasConversion(
                p => JsonSerializer.Serialize(p, Json), s => JsonSerializer.Deserialize<ParametresCampagne>(s, Json)!,
                new ValueComparer<ParametresCampagne>((a, c) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(c, Json),
                    p => JsonSerializer.Serialize(p, Json).GetHashCode(), p => p));
        });
        b.Entity<Porteur>(e =>
        {
            e.Property(p => p.FinessEj).HasMaxLength(9);
            e.HasIndex(p => p.FinessEj).IsUnique();
            e.Property(p => p.RaisonSociale).HasMaxLength(200);
            e.Property(p => p.StatutJuridiqueCode).HasMaxLength(4);
            e.Property(p => p.RegionCode).HasMaxLength(3);
        });
        b.Entity<Candidature>(e =>
        {
            e.Property(c => c.Reference).HasMaxLength(20);
            e.HasIndex(c => c.Reference).IsUnique();
            e.HasIndex(c => new { c.Annee, c.RegionInstructrice, c.Statut });
            e.Property(c => c.Intitule).HasMaxLength(200);
            e.Property(c => c.Logiciel).HasMaxLength(200);
            e.Property(c => c.Editeur).HasMaxLength(200);
            e.Property(c => c.RegionInstructrice).HasMaxLength(3);
            e.Property(c => c.RegionDepot).HasMaxLength(3);
            e.Property(c => c.RegionSuivi).HasMaxLength(3);
            e.Property(c => c.MotifRecevabilite).HasMaxLength(2000);
            e.Property(c => c.MotifDecision).HasMaxLength(2000);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasOne(c => c.Porteur).WithMany().HasForeignKey(c => c.PorteurId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Campagne>().WithMany().HasForeignKey(c => c.Annee).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Essms).WithOne().HasForeignKey(x => x.CandidatureId);
            e.HasMany(c => c.Pieces).WithOne().HasForeignKey(x => x.CandidatureId);
            e.HasMany(c => c.Consultations).WithOne().HasForeignKey(x => x.CandidatureId);
            e.HasMany(c => c.Versements).WithOne().HasForeignKey(x => x.CandidatureId);
            e.HasMany(c => c.Evenements).WithOne().HasForeignKey(x => x.CandidatureId);
        });
        b.Entity<EssmsCandidature>(e =>
        {
            e.Property(x => x.FinessEt).HasMaxLength(9);
            e.Property(x => x.FinessEj).HasMaxLength(9);
            e.Property(x => x.Nom).HasMaxLength(200);
            e.Property(x => x.CategorieCode).HasMaxLength(4);
            e.Property(x => x.StatutJuridiqueCode).HasMaxLength(4);
            e.Property(x => x.RegionCode).HasMaxLength(3);
            e.Property(x => x.DepartementCode).HasMaxLength(3);
            e.Property(x => x.Motif).HasMaxLength(300);
            e.HasIndex(x => new { x.CandidatureId, x.FinessEt }).IsUnique();
            e.HasIndex(x => new { x.RegionCode, x.CandidatureId });
            e.HasIndex(x => x.FinessEt);
        });
        b.Entity<ReservationEssms>(e =>
        {
            e.ToTable("ReservationsEssms");
            // One ESSMS in one live candidature per campaign: the key itself refuses the second claim.
            e.HasKey(x => new { x.Annee, x.FinessEt });
            e.Property(x => x.FinessEt).HasMaxLength(9);
            e.HasIndex(x => x.CandidatureId);
            e.HasOne<Candidature>().WithMany().HasForeignKey(x => x.CandidatureId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PieceCandidature>(e =>
        {
            e.Property(x => x.TypePiece).HasMaxLength(100);
            e.Property(x => x.NomFichier).HasMaxLength(255);
            e.Property(x => x.TypeMime).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.DeposeePar).HasMaxLength(200);
        });
        b.Entity<ContenuPiece>(e =>
        {
            e.HasKey(x => x.PieceId);
            e.HasOne<PieceCandidature>().WithOne().HasForeignKey<ContenuPiece>(x => x.PieceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ConsultationCd>(e =>
        {
            e.Property(x => x.DepartementCode).HasMaxLength(3);
            e.Property(x => x.Avis).HasMaxLength(2000);
            e.Property(x => x.TracePar).HasMaxLength(200);
        });
        b.Entity<Versement>(e =>
        {
            e.Property(x => x.VersePar).HasMaxLength(200);
            e.HasIndex(x => new { x.CandidatureId, x.Tranche }).IsUnique();
        });
        b.Entity<EvenementInstruction>(e =>
        {
            e.Property(x => x.AuteurNom).HasMaxLength(200);
            e.Property(x => x.Type).HasMaxLength(40);
            e.Property(x => x.Libelle).HasMaxLength(2000);
            e.HasIndex(x => new { x.CandidatureId, x.Horodatage });
        });
        b.Entity<Enveloppe>(e =>
        {
            e.Property(x => x.RegionCode).HasMaxLength(3);
            e.HasIndex(x => new { x.Annee, x.RegionCode }).IsUnique();
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Engagement>(e =>
        {
            e.Property(x => x.RegionCode).HasMaxLength(3);
            e.Property(x => x.Par).HasMaxLength(200);
            // Committed once: the database says so too.
            e.HasIndex(x => x.CandidatureId).IsUnique();
            e.HasIndex(x => new { x.Annee, x.RegionCode });
        });
        b.Entity<Redeploiement>(e =>
        {
            e.Property(x => x.RegionSource).HasMaxLength(3);
            e.Property(x => x.RegionCible).HasMaxLength(3);
            e.Property(x => x.Par).HasMaxLength(200);
            e.HasIndex(x => x.Annee);
        });
        b.Entity<CibleUsage>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(40);
            e.HasIndex(x => new { x.Annee, x.Code }).IsUnique();
            e.Property(x => x.Libelle).HasMaxLength(200);
            e.Property(x => x.Numerateur).HasMaxLength(500);
            e.Property(x => x.Denominateur).HasMaxLength(500);
            e.Property(x => x.Exemptions).HasMaxLength(1000);
            e.Property(x => x.Seuil).HasPrecision(14, 4);
            e.Property(x => x.Domaines).HasConversion(
                l => string.Join(',', l), s => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Referentiel.Nomenclatures.ChampActivite>).ToList(),
                new ValueComparer<List<Referentiel.Nomenclatures.ChampActivite>>((a, c) => a!.SequenceEqual(c!), l => l.Aggregate(0, (h, x) => h * 31 + (int)x), l => l.ToList()))
                .HasMaxLength(100);
        });
        b.Entity<RapportUsage>(e =>
        {
            e.HasIndex(x => x.IdentifiantRapport).IsUnique();
            e.HasIndex(x => new { x.FinessEt, x.Fin });
            e.HasIndex(x => x.CandidatureId);
            e.Property(x => x.FinessEt).HasMaxLength(9);
            e.Property(x => x.Logiciel).HasMaxLength(200);
            e.Property(x => x.Signataire).HasMaxLength(500);
            e.Property(x => x.EmpreinteCertificat).HasMaxLength(64);
            e.Property(x => x.ImportePar).HasMaxLength(200);
            e.HasMany(x => x.Mesures).WithOne().HasForeignKey(m => m.RapportId);
        });
        b.Entity<MesureIndicateur>().Property(x => x.Code).HasMaxLength(40);
        b.Entity<CertificatSignature>(e =>
        {
            // One certificate attests one organisation only.
            e.Property(x => x.Empreinte).HasMaxLength(64);
            e.HasIndex(x => x.Empreinte).IsUnique();
            e.HasIndex(x => x.PorteurId);
            e.Property(x => x.Sujet).HasMaxLength(500);
            e.Property(x => x.Emetteur).HasMaxLength(500);
            e.Property(x => x.Pem).HasMaxLength(65536);
            e.Property(x => x.AjoutePar).HasMaxLength(200);
            e.Property(x => x.RevoquePar).HasMaxLength(200);
            e.HasOne<Porteur>().WithMany().HasForeignKey(x => x.PorteurId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Ajustement>(e =>
        {
            e.Property(x => x.CodeCible).HasMaxLength(40);
            e.Property(x => x.Situation).HasMaxLength(2000);
            e.Property(x => x.AvisCnsa).HasMaxLength(2000);
            e.Property(x => x.MotifDecision).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.RegionsDemandeuses).HasConversion(
                l => string.Join(',', l), s => s.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>((a, c) => a!.SequenceEqual(c!), l => string.Join(',', l).GetHashCode(), l => l.ToList()))
                .HasMaxLength(200);
            e.HasMany(x => x.Applications).WithOne().HasForeignKey(a => a.AjustementId);
        });
        b.Entity<Features.Instruction.CalendrierArs>(e =>
        {
            e.ToTable("CalendriersArs");
            e.Property(x => x.RegionCode).HasMaxLength(3);
            e.HasIndex(x => new { x.Annee, x.RegionCode }).IsUnique();
            e.Property(x => x.ModifiePar).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            JalonsEnTexte(e.Property(x => x.Jalons));
            e.HasOne<Campagne>().WithMany().HasForeignKey(x => x.Annee).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Revisions).WithOne().HasForeignKey(r => r.CalendrierId);
        });
        b.Entity<Features.Instruction.RevisionCalendrierArs>(e =>
        {
            e.ToTable("RevisionsCalendriersArs");
            e.Property(x => x.AuteurNom).HasMaxLength(200);
            JalonsEnTexte(e.Property(x => x.Jalons));
            e.HasIndex(x => new { x.CalendrierId, x.Horodatage });
        });
        b.Entity<ApplicationAjustement>(e =>
        {
            e.Property(x => x.FinessEt).HasMaxLength(9);
            e.Property(x => x.Justification).HasMaxLength(2000);
            e.Property(x => x.Par).HasMaxLength(200);
            e.HasIndex(x => new { x.AjustementId, x.CandidatureId, x.FinessEt }).IsUnique();
        });
    }

    // Milestones as ISO dates in one column: a calendar has three at most, always read whole.
    private static void JalonsEnTexte(PropertyBuilder<List<DateOnly>> p) => p.HasConversion(
            l => string.Join(',', l.Select(j => j.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
            s => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(j => DateOnly.ParseExact(j, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            new ValueComparer<List<DateOnly>>((a, c) => a!.SequenceEqual(c!), l => l.Aggregate(0, (h, j) => h * 31 + j.DayNumber), l => l.ToList()))
        .HasMaxLength(200);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("La console enregistre en asynchrone (SaveChangesAsync) : les réservations d'ESSMS y sont tenues à jour.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        await ReservationEssms.SynchroniserAsync(this, ct);
        // Optimistic concurrency: two instructors acting on the same file at once cannot both win.
        foreach (var e in ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            var v = e.Metadata.FindProperty("Version");
            if (v is not null && v.ClrType == typeof(int)) e.Property("Version").CurrentValue = (int)e.Property("Version").OriginalValue! + 1;
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }
}

public sealed class SqliteProgrammeDbContext(DbContextOptions<SqliteProgrammeDbContext> o) : ProgrammeDbContext(o);

public sealed class PostgresProgrammeDbContext(DbContextOptions<PostgresProgrammeDbContext> o) : ProgrammeDbContext(o);
