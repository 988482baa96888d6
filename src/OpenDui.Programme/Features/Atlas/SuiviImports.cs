using System.Collections.Concurrent;
using OpenDui.Hote;

namespace OpenDui.Programme.Features.Atlas;

/// <summary>Where an import launched from the page stands, for its progress bar (polled by htmx).</summary>
public sealed class EtatImport(Guid auteur, int total)
{
    private int _verifiees;
    public Guid Auteur { get; } = auteur;
    public int Total { get; } = total;
    public int Verifiees => Volatile.Read(ref _verifiees);
    public Resultat<BilanImport>? Resultat { get; private set; }
    public bool Termine => Resultat is not null;
    public int Pourcentage => Total == 0 ? 100 : Termine ? 100 : Math.Min(99, Verifiees * 100 / Total);

    internal void Avancer(int n) => Volatile.Write(ref _verifiees, n);
    internal void Terminer(Resultat<BilanImport> r) => Resultat = r;
}

/// <summary>
/// Runs the page's imports in the background so that a large file shows its progress instead of a frozen request; the
/// import itself is the same use case as the API's and the command line's (<see cref="ImportProjets"/>), in its own scope,
/// still one transaction. States live in memory for an hour: a restart forgets them, never the data (all or nothing).
/// </summary>
public sealed class SuiviImports(IServiceScopeFactory scopes, ILogger<SuiviImports> journal)
{
    private readonly ConcurrentDictionary<Guid, (EtatImport Etat, DateTimeOffset Debut)> _imports = new();

    public Guid Lancer(IReadOnlyList<LigneProjetImporte> lignes, Guid auteur)
    {
        foreach (var (cle, (_, debut)) in _imports)
            if (debut < DateTimeOffset.UtcNow.AddHours(-1)) _imports.TryRemove(cle, out _);
        var id = Guid.NewGuid();
        var etat = new EtatImport(auteur, lignes.Count);
        _imports[id] = (etat, DateTimeOffset.UtcNow);
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var import = scope.ServiceProvider.GetRequiredService<ImportProjets>();
                etat.Terminer(await import.ImporterAsync(lignes, new Progression(etat.Avancer)));
            }
            catch (Exception e)
            {
                journal.LogError(e, "Échec technique d'un import de projets financés");
                etat.Terminer(Resultat<BilanImport>.Invalide("lignes", "L'import a échoué pour une raison technique : rien n'a été importé. Réessayez, ou utilisez la ligne de commande."));
            }
        });
        return id;
    }

    /// <summary>The state of an import, for the account that launched it only.</summary>
    public EtatImport? Etat(Guid id, Guid auteur) => _imports.TryGetValue(id, out var x) && x.Etat.Auteur == auteur ? x.Etat : null;

    /// <summary>Reports synchronously (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class Progression(Action<int> action) : IProgress<int>
    {
        public void Report(int value) => action(value);
    }
}
