using System.Text.Json;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>
/// An AGGIR grid as a page or a client sends it while it is being filled. Each discriminant variable is either its code
/// (<c>"B"</c>) or an object of its sub-variables, each a code or the four adverbs:
/// <c>{"communication": "A", "comportement": {"spontanement": true, "totalement": false, "correctement": true, "habituellement": true}}</c>.
/// Kept as raw JSON so that every mistake gets a French message on its own field, not a generic binding failure.
/// </summary>
public sealed record DemandeCalculAggir(
    JsonElement Coherence, JsonElement Orientation, JsonElement Toilette, JsonElement Habillage, JsonElement Alimentation,
    JsonElement Elimination, JsonElement Transferts, JsonElement DeplacementsInterieurs, JsonElement DeplacementsExterieurs,
    JsonElement Alerter,
    // Optional ones are nullable: a default(JsonElement) as a parameter default breaks the OpenAPI schema of the body.
    JsonElement? Gestion = null, JsonElement? Cuisine = null, JsonElement? Menage = null, JsonElement? Transports = null,
    JsonElement? Achats = null, JsonElement? SuiviTraitement = null, JsonElement? ActivitesTempsLibre = null)
{
    public JsonElement this[VariableAggir v] => v switch
    {
        VariableAggir.Coherence => Coherence,
        VariableAggir.Orientation => Orientation,
        VariableAggir.Toilette => Toilette,
        VariableAggir.Habillage => Habillage,
        VariableAggir.Alimentation => Alimentation,
        VariableAggir.Elimination => Elimination,
        VariableAggir.Transferts => Transferts,
        VariableAggir.DeplacementsInterieurs => DeplacementsInterieurs,
        VariableAggir.DeplacementsExterieurs => DeplacementsExterieurs,
        _ => Alerter,
    };

    public JsonElement this[VariableIllustrative v] => v switch
    {
        VariableIllustrative.Gestion => Gestion ?? default,
        VariableIllustrative.Cuisine => Cuisine ?? default,
        VariableIllustrative.Menage => Menage ?? default,
        VariableIllustrative.Transports => Transports ?? default,
        VariableIllustrative.Achats => Achats ?? default,
        VariableIllustrative.SuiviTraitement => SuiviTraitement ?? default,
        _ => ActivitesTempsLibre ?? default,
    };
}

/// <summary>The GIR of a grid, with the codes the computation used (sub-variables combined) and the illustrative
/// variables as recorded, keyed by the request's field names.</summary>
public sealed record ReponseCalculAggir(int Gir, int Rang, GroupeAggir Groupe, int Score,
    IReadOnlyDictionary<string, ModaliteAggir> Variables, IReadOnlyDictionary<string, ModaliteAggir> Illustratives);

/// <summary>Computes the GIR of a grid without keeping anything: the page shows the GIR live while the grid is filled.</summary>
public sealed class CalculAggir
{
    private static readonly Adverbes[] LesQuatreAdverbes = [Adverbes.Spontanement, Adverbes.Totalement, Adverbes.Correctement, Adverbes.Habituellement];

    public Resultat<ReponseCalculAggir> Calculer(DemandeCalculAggir demande)
    {
        var erreurs = new Erreurs();
        var saisies = new Dictionary<VariableAggir, SaisieVariable>();
        foreach (var v in Enum.GetValues<VariableAggir>())
            if (LireVariable(v, demande[v], erreurs) is { } s) saisies[v] = s;

        var illustratives = new Dictionary<VariableIllustrative, ModaliteAggir>();
        foreach (var v in Enum.GetValues<VariableIllustrative>())
        {
            var json = demande[v];
            if (json.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) continue;
            if (LireCode(json, Aggir.Champ(v), $"la variable illustrative « {Aggir.Libelle(v)} »", erreurs) is { } code) illustratives[v] = code;
        }

        // A variable already refused is not reported again as missing.
        var grille = GrilleAggir.Creer(saisies, illustratives);
        if (!grille.EstOk)
            foreach (var (champ, messages) in grille.Erreurs.ParChamp)
                if (!erreurs.ParChamp.Keys.Any(k => k == champ || k.StartsWith(champ + ".", StringComparison.Ordinal)))
                    foreach (var m in messages) erreurs.Ajouter(champ, m);
        if (erreurs.Any) return Resultat<ReponseCalculAggir>.Invalide(erreurs);

        var g = grille.Valeur!;
        var r = Aggir.Calculer(g);
        return Resultat<ReponseCalculAggir>.Ok(new ReponseCalculAggir(r.Gir, r.Rang, r.Groupe, r.Score,
            g.Discriminantes.ToDictionary(p => Aggir.Champ(p.Key), p => p.Value),
            g.Illustratives.ToDictionary(p => Aggir.Champ(p.Key), p => p.Value)));
    }

    /// <summary>Null when absent (the grid reports it missing) or refused (the error is already recorded).</summary>
    private static SaisieVariable? LireVariable(VariableAggir v, JsonElement json, Erreurs erreurs)
    {
        var champ = Aggir.Champ(v);
        var sous = Aggir.SousVariablesDe(v);
        switch (json.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return LireCode(json, champ, $"la variable « {Aggir.Libelle(v)} »", erreurs) is { } code ? SaisieVariable.De(code) : null;
            case JsonValueKind.Object when sous.Count > 0:
                var codes = new Dictionary<SousVariableAggir, ModaliteAggir>();
                var vues = new HashSet<SousVariableAggir>();
                var valide = true;
                foreach (var p in json.EnumerateObject())
                {
                    var s = sous.Cast<SousVariableAggir?>().FirstOrDefault(x => string.Equals(Aggir.Champ(x!.Value), p.Name, StringComparison.OrdinalIgnoreCase));
                    if (s is null)
                    {
                        erreurs.Ajouter($"{champ}.{p.Name}",
                            $"« {p.Name} » n'est pas une sous-variable de « {Aggir.Libelle(v)} » (attendu : {string.Join(", ", sous.Select(Aggir.Champ))}).");
                        valide = false;
                        continue;
                    }
                    vues.Add(s.Value);
                    if (LireSousVariable(p.Value, $"{champ}.{Aggir.Champ(s.Value)}", $"la sous-variable « {Aggir.Libelle(s.Value)} » de « {Aggir.Libelle(v)} »", erreurs) is { } m)
                        codes[s.Value] = m;
                    else valide = false;
                }
                if (valide) return SaisieVariable.Par(codes); // the grid reports the missing sub-variables
                // Some were refused: still name the missing ones, and compute nothing.
                foreach (var manquante in sous.Where(x => !vues.Contains(x)))
                    erreurs.Ajouter($"{champ}.{Aggir.Champ(manquante)}",
                        $"La sous-variable « {Aggir.Libelle(manquante)} » de « {Aggir.Libelle(v)} » est obligatoire : A, B ou C, ou les quatre adverbes.");
                return null;
            case JsonValueKind.Object:
                erreurs.Ajouter(champ, $"La variable « {Aggir.Libelle(v)} » n'a pas de sous-variables : indiquez A, B ou C.");
                return null;
            default:
                erreurs.Ajouter(champ, sous.Count == 0
                    ? $"Pour {Quoi(v)}, indiquez A, B ou C."
                    : $"Pour {Quoi(v)}, indiquez A, B ou C, ou un objet de ses sous-variables ({string.Join(", ", sous.Select(Aggir.Champ))}).");
                return null;
        }
    }

    private static string Quoi(VariableAggir v) => $"la variable « {Aggir.Libelle(v)} »";

    private static ModaliteAggir? LireSousVariable(JsonElement json, string champ, string quoi, Erreurs erreurs)
    {
        if (json.ValueKind == JsonValueKind.String) return LireCode(json, champ, quoi, erreurs);
        if (json.ValueKind != JsonValueKind.Object)
        {
            erreurs.Ajouter(champ, $"Pour {quoi}, indiquez A, B ou C, ou les quatre adverbes (spontanement, totalement, correctement, habituellement : true ou false).");
            return null;
        }
        var faits = Adverbes.Aucun;
        var vus = Adverbes.Aucun;
        var valide = true;
        foreach (var p in json.EnumerateObject())
        {
            var adverbe = LesQuatreAdverbes.FirstOrDefault(a => string.Equals(a.ToString(), p.Name, StringComparison.OrdinalIgnoreCase));
            vus |= adverbe;
            if (adverbe == Adverbes.Aucun)
            {
                erreurs.Ajouter($"{champ}.{p.Name}", $"« {p.Name} » n'est pas un adverbe AGGIR (attendu : spontanement, totalement, correctement, habituellement).");
                valide = false;
            }
            else if (p.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                erreurs.Ajouter($"{champ}.{ChampAdverbe(adverbe)}", $"Indiquez true ou false : la personne le fait-elle {Aggir.Libelle(adverbe)} ?");
                valide = false;
            }
            else if (p.Value.ValueKind == JsonValueKind.True) faits |= adverbe;
        }
        // All four are asked: a forgotten adverb must not silently count as "not done".
        foreach (var manquant in LesQuatreAdverbes.Where(a => (vus & a) == 0))
        {
            erreurs.Ajouter($"{champ}.{ChampAdverbe(manquant)}", $"L'adverbe « {Aggir.Libelle(manquant)} » est obligatoire pour {quoi} (true ou false).");
            valide = false;
        }
        return valide ? Aggir.Coter(faits) : null;
    }

    private static string ChampAdverbe(Adverbes a) => char.ToLowerInvariant(a.ToString()[0]) + a.ToString()[1..];

    private static ModaliteAggir? LireCode(JsonElement json, string champ, string quoi, Erreurs erreurs)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            var texte = json.GetString()!.Trim();
            if (texte.Length == 1 && char.ToUpperInvariant(texte[0]) is var c and ('A' or 'B' or 'C'))
                return c == 'A' ? ModaliteAggir.A : c == 'B' ? ModaliteAggir.B : ModaliteAggir.C;
            erreurs.Ajouter(champ, $"« {(texte.Length > 20 ? texte[..20] + "…" : texte)} » n'est pas une modalité AGGIR : pour {quoi}, indiquez A, B ou C.");
            return null;
        }
        erreurs.Ajouter(champ, $"Pour {quoi}, indiquez A, B ou C.");
        return null;
    }
}
