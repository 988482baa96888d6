using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Envois;

public sealed class OptionsEnvois
{
    public const string Section = "Envois";
    /// <summary>False: nothing leaves this host (a second host sends, or tests drive <see cref="DistributeurEnvois.TraiterAsync"/>).</summary>
    public bool Actif { get; set; } = true;
    /// <summary>How often the outbox is looked at when nobody wakes the distributor.</summary>
    public TimeSpan Intervalle { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Attempts before an envoi is left to the operator (with the back-off, about a day and a half).</summary>
    public int TentativesMax { get; set; } = 12;
    /// <summary>First delay after a failure, doubled at each attempt up to <see cref="DelaiMax"/>.</summary>
    public TimeSpan PremierDelai { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan DelaiMax { get; set; } = TimeSpan.FromHours(6);
    /// <summary>How long an envoi being sent is held by its distributor; if the host dies, another takes it after this.</summary>
    public TimeSpan Bail { get; set; } = TimeSpan.FromMinutes(5);
    public int Lot { get; set; } = 50;
}

/// <summary>Lets a module ask for its envoi to leave now rather than at the next look, once its save is committed.</summary>
public sealed class ReveilEnvois
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Reveiller()
    {
        try { _signal.Release(); } catch (SemaphoreFullException) { /* already awake */ }
    }

    internal Task<bool> AttendreAsync(TimeSpan delai, CancellationToken ct) => _signal.WaitAsync(delai, ct);
}

/// <summary>
/// Sends what the outbox holds, one envoi at a time in a DI scope of its own. An envoi is taken with an atomic update
/// (several hosts may run); after a failure it waits with an exponential back-off; after the last attempt, or a final
/// refusal, it waits for the operator. What a channel receives twice (the host died after the send, before the status
/// was saved) it must recognise by the envoi's key: that is how each document arrives once.
/// </summary>
public sealed class DistributeurEnvois(IServiceScopeFactory scopes, ReveilEnvois reveil, IOptions<OptionsEnvois> options, ILogger<DistributeurEnvois> log)
    : BackgroundService
{
    private readonly OptionsEnvois _o = options.Value;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!_o.Actif) return;
        while (!ct.IsCancellationRequested)
        {
            try { await TraiterAsync(ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Distribution des envois interrompue");
            }
            try { await reveil.AttendreAsync(_o.Intervalle, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Sends every envoi due now; returns how many were tried.</summary>
    public async Task<int> TraiterAsync(CancellationToken ct)
    {
        List<Guid> dus;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
            var maintenant = db.Maintenant;
            dus = await db.Envois.AsNoTracking()
                .Where(e => e.Statut == StatutEnvoi.EnAttente && e.ProchainEssai <= maintenant && (e.VerrouJusqua == null || e.VerrouJusqua < maintenant))
                .OrderBy(e => e.ProchainEssai).Select(e => e.Id).Take(_o.Lot).ToListAsync(ct);
        }
        var essayes = 0;
        foreach (var id in dus)
            if (await TraiterUnAsync(id, ct)) essayes++;
        return essayes;
    }

    private async Task<bool> TraiterUnAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var maintenant = db.Maintenant;
        var bail = maintenant + _o.Bail;
        // Taken by this distributor only if nobody holds it: the update is the lock.
        var pris = await db.Envois
            .Where(e => e.Id == id && e.Statut == StatutEnvoi.EnAttente && (e.VerrouJusqua == null || e.VerrouJusqua < maintenant))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.VerrouJusqua, bail).SetProperty(e => e.Tentatives, e => e.Tentatives + 1), ct);
        if (pris == 0) return false;

        var envoi = await db.Envois.FirstAsync(e => e.Id == id, ct);
        var canal = scope.ServiceProvider.GetServices<ICanalEnvoi>().FirstOrDefault(c => c.Canal == envoi.Canal);
        IssueEnvoi issue;
        if (canal is null) issue = IssueEnvoi.AReessayer($"Aucun canal « {envoi.Canal} » n'est configuré sur ce serveur.");
        else
        {
            try { issue = await canal.EnvoyerAsync(envoi, ct); }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The exception's message may carry what was sent: the log keeps its type only, the operator a plain reason.
                log.LogWarning("Envoi {EnvoiId} ({Canal}) : échec inattendu {Type}", envoi.Id, envoi.Canal, e.GetType().Name);
                issue = IssueEnvoi.AReessayer($"Erreur inattendue ({e.GetType().Name}).");
            }
        }
        Appliquer(envoi, issue, db.Maintenant);
        await db.SaveChangesAsync(ct);
        if (envoi.Statut == StatutEnvoi.Echec)
            log.LogWarning("Envoi {EnvoiId} ({Canal}) en échec après {Tentatives} tentative(s)", envoi.Id, envoi.Canal, envoi.Tentatives);
        return true;
    }

    internal void Appliquer(Envoi envoi, IssueEnvoi issue, DateTimeOffset maintenant)
    {
        envoi.VerrouJusqua = null;
        switch (issue)
        {
            case IssueEnvoi.Succes s:
                envoi.Statut = StatutEnvoi.Envoye;
                envoi.EnvoyeLe = maintenant;
                envoi.Reference = s.Reference;
                envoi.DerniereErreur = null;
                break;
            case IssueEnvoi.Definitif d:
                envoi.Statut = StatutEnvoi.Echec;
                envoi.DerniereErreur = Tronquer(d.Raison);
                break;
            case IssueEnvoi.Temporaire t:
                envoi.DerniereErreur = Tronquer(t.Raison);
                if (envoi.Tentatives >= _o.TentativesMax) envoi.Statut = StatutEnvoi.Echec;
                else envoi.ProchainEssai = maintenant + Delai(envoi.Tentatives, _o.PremierDelai, _o.DelaiMax);
                break;
        }
    }

    /// <summary>Exponential back-off: the first delay after the first attempt, doubled each time, capped.</summary>
    public static TimeSpan Delai(int tentatives, TimeSpan premier, TimeSpan max)
    {
        var puissance = Math.Min(Math.Max(tentatives - 1, 0), 30);
        var ticks = premier.Ticks * (double)(1L << puissance);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    private static string Tronquer(string s) => s.Length <= LongueurErreur ? s : s[..LongueurErreur];
    internal const int LongueurErreur = 500;
}
