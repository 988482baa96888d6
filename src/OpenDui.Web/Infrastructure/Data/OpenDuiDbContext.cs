using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>
/// The DUI's unit of work. Every save appends what changed to the hash-chained modification trail in the
/// same transaction, so a change and its trace are written together or not at all.
/// </summary>
/// <remarks>
/// Instances are pooled (<see cref="Base.AjouterBase"/>): EF sets up each context's internal services once, not on every
/// request (bench/README.md, eleventh run). Who acts and the clock are given for each lease (<see cref="Preter"/>), and
/// what a lease leaves behind is forgotten at the next one; EF itself resets the change tracker, the connection, the
/// database facade's switches and the events.
/// </remarks>
public abstract class OpenDuiDbContext : IdentityUserContext<Professionnel, Guid>
{
    private IAuteur? _auteur;
    private TimeProvider _horloge = TimeProvider.System;

    /// <summary>EF's pool wants this constructor alone: the context has no author until <see cref="Preter"/>, also for a
    /// context made outside the pool.</summary>
    protected OpenDuiDbContext(DbContextOptions options) : base(options) { }

    /// <summary>
    /// Lends this pooled instance to a scope: its author and clock, and nothing of an earlier lease (work queued for a
    /// save that never came, a read transaction left open by a request that failed).
    /// </summary>
    internal OpenDuiDbContext Preter(IAuteur auteur, TimeProvider horloge)
    {
        _dansLaTransaction.Clear();
        if (_lecture is var (ef, lecture)) { _lecture = null; ef.Dispose(); lecture.Dispose(); }
        (_auteur, _horloge) = (auteur, horloge);
        return this;
    }

    // Each module declares its tables (extension properties such as db.Usagers, next to its entity configurations).
    public DbSet<TraceModification> TracesModification => Set<TraceModification>();
    public DbSet<TraceAcces> TracesAcces => Set<TraceAcces>();

    /// <summary>The database behind (EF's <c>Database.IsNpgsql()</c> reads the provider's assembly name on every call:
    /// 0.6 % of the round page's CPU, from the mark of its kept read).</summary>
    public abstract Fournisseur Fournisseur { get; }

    public IAuteur Auteur => _auteur ?? throw new InvalidOperationException("Contexte sans auteur : il s'obtient du conteneur de services.");
    public DateTimeOffset Maintenant => Chaine.Tronquer(_horloge.GetUtcNow());
    public DateOnly Aujourdhui => DateOnly.FromDateTime(_horloge.GetLocalNow().DateTime);

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        // Enumerations are stored by name (readable, safe to reorder), except flag sets, stored as their number.
        foreach (var t in EnumerationsDuModele)
            b.Properties(t).HaveConversion<string>().HaveMaxLength(40);
    }

    private static readonly Type[] EnumerationsDuModele = [.. new[] { typeof(OpenDuiDbContext).Assembly, typeof(Referentiel.Nomenclatures.ChampActivite).Assembly }
        .SelectMany(a => a.GetTypes()).Where(t => t.IsEnum && t.IsPublic && !t.IsDefined(typeof(FlagsAttribute), false))];

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // Every module's IEntityTypeConfiguration<T>: adding a module adds its tables, nothing to list here.
        b.ApplyConfigurationsFromAssembly(typeof(OpenDuiDbContext).Assembly);
    }

    /// <summary>The trace of the current user opening a usager's record (none for the system), to hand to
    /// <see cref="JournalAcces"/>.</summary>
    public TraceAcces? NouvelleTraceLecture(Guid usagerId, string ressource) =>
        Auteur.Id is { } id
            ? new TraceAcces { Horodatage = Maintenant, AuteurId = id, AuteurNom = Auteur.Nom, UsagerId = usagerId, Ressource = ressource }
            : null;

    /// <summary>Records an act that changes no row but must be accountable (a signed report leaving the DUI):
    /// chained into the change trail with the next save.</summary>
    /// <summary>An act that changes no row but must be in the change trail; <paramref name="usagerId"/> files it under a
    /// record, so that the DPO's search by usager finds it.</summary>
    public void TracerActe(string entite, string entiteId, string action, object details, Guid? usagerId = null) =>
        TracesModification.Add(new TraceModification
        {
            Horodatage = Maintenant, AuteurId = Auteur.Id, AuteurNom = Auteur.Nom, Entite = entite, EntiteId = entiteId, Action = action, UsagerId = usagerId,
            Apres = JsonSerializer.Serialize(details),
        });

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    private readonly List<Func<CancellationToken, Task>> _dansLaTransaction = [];

    /// <summary>Work to run inside the next save's own transaction, before its rows and traces are computed and
    /// written: e.g. taking a number from a shared counter with an atomic UPDATE, so that two concurrent writes
    /// never take the same one (a value read before the transaction would be stale).</summary>
    public void DansLaTransaction(Func<CancellationToken, Task> action) => _dansLaTransaction.Add(action);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        // A write ends the read's snapshot (UneConnexion): it takes its own transaction, on the latest state.
        if (_lecture is not null) await FinirLectureAsync();
        if (_dansLaTransaction.Count > 0) return await EnregistrerAvecActionsAsync(acceptAllChangesOnSuccess, ct);
        ChangeTracker.DetectChanges();
        IncrementerVersions();
        var modifications = Tracer();
        modifications.InsertRange(0, ChangeTracker.Entries<TraceModification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity));
        // Reads go to the access trail through AjouterTracesAccesAsync, never through the change tracker.
        if (ChangeTracker.Entries<TraceAcces>().Any(e => e.State == EntityState.Added))
            throw new InvalidOperationException("Les traces d'accès s'écrivent par JournalAcces, pas par SaveChanges.");
        if (modifications.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        using var ecriture = Database.CurrentTransaction is null ? await ReserverEcritureAsync(ct) : null;
        var transactionPropre = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        using var sansPointDeSauvegarde = transactionPropre is not null ? new SansPointDeSauvegarde(Database) : null;
        try
        {
            // Appends are serialised so that each entry chains to the true previous one.
            var precedent = await VerrouillerEtLireDernierHashAsync<TraceModification>(ct);
            foreach (var t in modifications) { Chaine.Chainer(t, precedent); precedent = t.Hash; }
            TracesModification.AddRange(modifications);
            var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            if (transactionPropre is not null) await transactionPropre.CommitAsync(ct);
            return n;
        }
        finally
        {
            if (transactionPropre is not null) await transactionPropre.DisposeAsync();
        }
    }

    /// <summary>
    /// EF wraps a save inside an open transaction in a savepoint (SAVEPOINT, then RELEASE: two more statements, two round
    /// trips on PostgreSQL, while the audit lock is held), so that the caller's transaction survives a failed save. A
    /// transaction this context opened for the save alone is rolled back whole on failure: no savepoint there.
    /// </summary>
    private sealed class SansPointDeSauvegarde : IDisposable
    {
        private readonly DatabaseFacade _base;
        private readonly bool _avant;
        public SansPointDeSauvegarde(DatabaseFacade b) { (_base, _avant) = (b, b.AutoSavepointsEnabled); b.AutoSavepointsEnabled = false; }
        public void Dispose() => _base.AutoSavepointsEnabled = _avant;
    }

    private async Task<int> EnregistrerAvecActionsAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        var actions = _dansLaTransaction.ToList();
        _dansLaTransaction.Clear();
        using var ecriture = Database.CurrentTransaction is null ? await ReserverEcritureAsync(ct) : null;
        var transactionPropre = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        // The save below runs in this transaction: its own too, no savepoint either.
        using var sansPointDeSauvegarde = transactionPropre is not null ? new SansPointDeSauvegarde(Database) : null;
        try
        {
            // The audit lock first, as every write takes it: the counters' rows are then locked in one order only.
            await VerrouillerAuditAsync(ct);
            foreach (var action in actions) await action(ct);
            var n = await SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            if (transactionPropre is not null) await transactionPropre.CommitAsync(ct);
            return n;
        }
        finally
        {
            if (transactionPropre is not null) await transactionPropre.DisposeAsync();
        }
    }

    /// <summary>
    /// Appends reads to the access trail in their own transaction (the group commit of <see cref="JournalAcces"/>):
    /// the trail's lock, the chain continued from its last entry, then multi-row INSERTs rather than one tracked
    /// entity per row (measured: 256 rows took 164 ms through SaveChanges under load). Ids follow the order given.
    /// </summary>
    public async Task AjouterTracesAccesAsync(IReadOnlyList<TraceAcces> traces, CancellationToken ct)
    {
        if (traces.Count == 0) return;
        using var ecriture = await ReserverEcritureAsync(ct);
        await using var transaction = await Database.BeginTransactionAsync(ct);
        var precedent = await VerrouillerEtLireDernierHashAsync<TraceAcces>(ct);
        foreach (var t in traces) { Chaine.Chainer(t, precedent); precedent = t.Hash; }
        await new InsertionMassive(this, Database.GetDbConnection(), transaction.GetDbTransaction()).InsererAsync(traces, ct: ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The change-trail entries of a new row as this context's author adds it now, without writing either: the row is
    /// not tracked afterwards. For <see cref="AjoutsGroupes"/>, which writes rows of several requests in one transaction.
    /// </summary>
    internal List<TraceModification> TracerAjout(object ligne)
    {
        var entree = Add(ligne);
        try
        {
            return Tracer([entree]);
        }
        finally
        {
            entree.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Writes new rows with their change-trail entries already computed (<see cref="TracerAjout"/>, by each row's author) in
    /// one transaction: the audit lock and the chain's last hash once, the entries chained in the order given, one save,
    /// one commit. All or nothing.
    /// </summary>
    internal async Task AjouterTraceesAsync(IReadOnlyList<object> lignes, IReadOnlyList<TraceModification> traces, CancellationToken ct)
    {
        using var ecriture = await ReserverEcritureAsync(ct);
        await using var transaction = await Database.BeginTransactionAsync(ct);
        using var sansPointDeSauvegarde = new SansPointDeSauvegarde(Database);
        var precedent = await VerrouillerEtLireDernierHashAsync<TraceModification>(ct);
        foreach (var t in traces) { Chaine.Chainer(t, precedent); precedent = t.Hash; }
        AddRange(lignes);
        TracesModification.AddRange(traces);
        // The trail is computed: the base save, not this context's, which would trace the rows again under its own author.
        await base.SaveChangesAsync(true, ct);
        await transaction.CommitAsync(ct);
    }

    private (IDbContextTransaction Ef, System.Data.Common.DbTransaction Base)? _lecture;

    /// <summary>
    /// Begins, when the database needs it, one read transaction for the statements that follow on the open connection
    /// (<see cref="UneConnexion"/>); false when there is none to begin (PostgreSQL, or a transaction already open).
    /// </summary>
    internal async Task<bool> CommencerLectureAsync(CancellationToken ct)
    {
        if (Database.CurrentTransaction is not null || OuvrirLecture() is not { } lecture) return false;
        _lecture = (await Database.UseTransactionAsync(lecture, ct) ?? throw new InvalidOperationException("Transaction de lecture refusée."), lecture);
        return true;
    }

    /// <summary>Ends the read transaction begun by <see cref="CommencerLectureAsync"/>, if still open.</summary>
    internal async Task FinirLectureAsync()
    {
        if (_lecture is not var (ef, lecture)) return;
        _lecture = null;
        // Nothing was written in it: committing only releases the snapshot. EF's wrapper, not owning the transaction,
        // gives the connection back as it found it.
        await ef.CommitAsync();
        await ef.DisposeAsync();
        await lecture.DisposeAsync();
    }

    /// <summary>The read transaction this database wants for a read of several statements, or null.</summary>
    protected virtual System.Data.Common.DbTransaction? OuvrirLecture() => null;

    /// <summary>Takes the lock that serialises appends to the audit trails, for the current transaction.</summary>
    protected abstract Task VerrouillerAuditAsync(CancellationToken ct);

    /// <summary>Takes the audit lock (<see cref="VerrouillerAuditAsync"/>), then reads the hash of the trail's last entry
    /// (its origin when empty), in the current transaction.</summary>
    protected virtual async Task<string> VerrouillerEtLireDernierHashAsync<T>(CancellationToken ct) where T : class, ITraceChainee
    {
        await VerrouillerAuditAsync(ct);
        var dernier = typeof(T) == typeof(TraceAcces)
            ? await DernierHashAcces.Pour(this)(this, ct)
            : await DernierHashModification.Pour(this)(this, ct);
        return dernier ?? Chaine.Origine;
    }

    // Compiled: read by every write.
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, CancellationToken, Task<string?>>> DernierHashAcces =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, CancellationToken ct) => db.TracesAcces.OrderByDescending(t => t.Id).Select(t => t.Hash).FirstOrDefault()));

    private static readonly RequeteCompilee<Func<OpenDuiDbContext, CancellationToken, Task<string?>>> DernierHashModification =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, CancellationToken ct) => db.TracesModification.OrderByDescending(t => t.Id).Select(t => t.Hash).FirstOrDefault()));

    /// <summary>Waits, before opening a write transaction, for this process's turn when the database has a
    /// single writer; released after the commit.</summary>
    protected virtual Task<IDisposable?> ReserverEcritureAsync(CancellationToken ct) => Task.FromResult<IDisposable?>(null);

    private void IncrementerVersions()
    {
        foreach (var e in ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
            if (e.Metadata.FindProperty("Version") is { } p && p.ClrType == typeof(uint))
                e.Property("Version").CurrentValue = (uint)e.Property("Version").CurrentValue! + 1;
    }

    private static readonly HashSet<string> ProprietesSecretes =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Version"];

    private List<TraceModification> Tracer() => Tracer(ChangeTracker.Entries());

    private List<TraceModification> Tracer(IEnumerable<EntityEntry> entrees)
    {
        var traces = new List<TraceModification>();
        var maintenant = Maintenant;
        foreach (var e in entrees)
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (e.Entity is ITraceChainee or INonTracee) continue;
            // Identity's token, login and claim rows hold secrets and are not business data.
            if (e.Metadata.ClrType.IsGenericType) continue;
            var (avant, apres) = Valeurs(e);
            if (e.State == EntityState.Modified && apres.Count == 0) continue;
            traces.Add(new TraceModification
            {
                Horodatage = maintenant,
                AuteurId = Auteur.Id,
                AuteurNom = Auteur.Nom,
                Entite = e.Metadata.ClrType.Name,
                EntiteId = string.Join(",", e.Metadata.FindPrimaryKey()!.Properties.Select(p => e.Property(p.Name).CurrentValue)),
                UsagerId = e.Entity switch
                {
                    IRacineUsager u => u.Id,
                    _ => e.Metadata.FindProperty("UsagerId") is not null ? (Guid?)e.Property("UsagerId").CurrentValue : null,
                },
                Action = e.State switch { EntityState.Added => "Ajout", EntityState.Deleted => "Suppression", _ => "Modification" },
                Avant = avant.Count > 0 ? JsonSerializer.Serialize(avant) : null,
                Apres = apres.Count > 0 ? JsonSerializer.Serialize(apres) : null,
            });
        }
        return traces;
    }

    private static (Dictionary<string, object?> Avant, Dictionary<string, object?> Apres) Valeurs(EntityEntry e)
    {
        var avant = new Dictionary<string, object?>();
        var apres = new Dictionary<string, object?>();
        foreach (var p in e.Properties)
        {
            var nom = p.Metadata.Name;
            if (ProprietesSecretes.Contains(nom)) continue;
            var confidentiel = p.Metadata.PropertyInfo?.IsDefined(typeof(ContenuConfidentielAttribute), false) == true;
            object? Valeur(object? v) => confidentiel && v is string t ? ContenuConfidentielAttribute.Empreinte(t) : Texte(v);
            switch (e.State)
            {
                case EntityState.Added:
                    apres[nom] = Valeur(p.CurrentValue);
                    break;
                case EntityState.Deleted:
                    avant[nom] = Valeur(p.OriginalValue);
                    break;
                default:
                    if (p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
                    {
                        avant[nom] = Valeur(p.OriginalValue);
                        apres[nom] = Valeur(p.CurrentValue);
                    }
                    break;
            }
        }
        return (avant, apres);
    }

    private static object? Texte(object? v) => v switch
    {
        null => null,
        Enum x => x.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTimeOffset d => Chaine.Horodatage(d),
        _ => v,
    };
}

public sealed class SqliteOpenDuiDbContext(DbContextOptions<SqliteOpenDuiDbContext> options) : OpenDuiDbContext(options)
{
    public override Fournisseur Fournisseur => Fournisseur.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        base.ConfigureConventions(b);
        // SQLite cannot compare or sort DateTimeOffset text; as UTC ticks it can.
        b.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }

    /// <summary>
    /// A deferred transaction (<c>BEGIN</c>, a snapshot, no lock taken). In WAL mode each connection drops its whole page
    /// cache, and its mapping of the file, at the start of any read that follows a commit by another connection (any
    /// write; the access trail commits to its own file, <see cref="ReglagesSqlite"/>), so each statement of a read would
    /// start from an empty cache. Inside one transaction the pages the statements share are read once ("Ma journée" +14 %
    /// when the trail still shared the file; reads whose statements touch different pages gain little: bench/README.md,
    /// fifth run).
    /// </summary>
    protected override System.Data.Common.DbTransaction OuvrirLecture() =>
        ((Microsoft.Data.Sqlite.SqliteConnection)Database.GetDbConnection()).BeginTransaction(deferred: true);

    // SQLite transactions opened by Microsoft.Data.Sqlite are BEGIN IMMEDIATE: one writer at a time already.
    protected override Task VerrouillerAuditAsync(CancellationToken ct) => Task.CompletedTask;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Ecrivains = new();

    /// <summary>
    /// Writers of one SQLite file queue here rather than on the file lock, where Microsoft.Data.Sqlite answers
    /// SQLITE_BUSY with sleeping retries: measured in bench/analyse, the queue divides the p95 of an opening by 4.
    /// BEGIN IMMEDIATE stays the guarantee against another process.
    /// </summary>
    protected override async Task<IDisposable?> ReserverEcritureAsync(CancellationToken ct)
    {
        var fichier = Database.GetDbConnection().DataSource ?? "";
        var verrou = Ecrivains.GetOrAdd(fichier, _ => new SemaphoreSlim(1, 1));
        await verrou.WaitAsync(ct);
        return new Liberation(verrou);
    }

    private sealed class Liberation(SemaphoreSlim verrou) : IDisposable
    {
        private int _libere;
        public void Dispose() { if (Interlocked.Exchange(ref _libere, 1) == 0) verrou.Release(); }
    }
}

public sealed class PostgresOpenDuiDbContext(DbContextOptions<PostgresOpenDuiDbContext> options) : OpenDuiDbContext(options)
{
    public override Fournisseur Fournisseur => Fournisseur.Postgres;

    private const long CleVerrouAudit = 0x4F70656E445549; // "OpenDUI"

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        foreach (var t in typeof(OpenDuiDbContext).Assembly.GetTypes().Where(t => typeof(IConfigurationPostgres).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }))
            ((IConfigurationPostgres)Activator.CreateInstance(t, nonPublic: true)!).Configurer(b);
    }

    protected override Task VerrouillerAuditAsync(CancellationToken ct) =>
        Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({CleVerrouAudit})", ct);

    /// <summary>
    /// The lock and the read of the last hash in one round trip (a batch of two statements), so that a write holds the
    /// lock one round trip less (bench/README.md, tenth run). Two statements, not one: in READ COMMITTED each statement
    /// reads from its own snapshot, taken when it starts, so the read sees the commit of whoever held the lock before;
    /// a sub-query of the locking statement would read from a snapshot taken before the wait.
    /// </summary>
    protected override async Task<string> VerrouillerEtLireDernierHashAsync<T>(CancellationToken ct)
    {
        var table = Model.FindEntityType(typeof(T))!.GetTableName();
        var transaction = (Npgsql.NpgsqlTransaction)(Database.CurrentTransaction ?? throw new InvalidOperationException("Hors transaction.")).GetDbTransaction();
        await using var lot = new Npgsql.NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new Npgsql.NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({CleVerrouAudit})"),
                new Npgsql.NpgsqlBatchCommand($"SELECT \"Hash\" FROM \"{table}\" ORDER BY \"Id\" DESC LIMIT 1"),
            },
        };
        await using var lecteur = await lot.ExecuteReaderAsync(ct);
        await lecteur.NextResultAsync(ct);
        return await lecteur.ReadAsync(ct) ? lecteur.GetString(0) : Chaine.Origine;
    }
}
