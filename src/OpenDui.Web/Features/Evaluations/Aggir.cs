namespace OpenDui.Web.Features.Evaluations;

/// <summary>A code of the AGGIR grid: A does alone (spontaneously, totally, correctly, habitually), B partly, C does not.</summary>
public enum ModaliteAggir { A, B, C }

/// <summary>The groups of the legal algorithm (CASF annexe 2-2), taken in this order.</summary>
public enum GroupeAggir { A, B, C, D, E, F, G, H }

/// <summary>The ten discriminant variables, in the order of the legal weight table. The last two weigh 0 everywhere.</summary>
public enum VariableAggir
{
    Coherence, Orientation, Toilette, Habillage, Alimentation, Elimination, Transferts, DeplacementsInterieurs,
    DeplacementsExterieurs, Alerter,
}

/// <summary>The seven illustrative variables: recorded with the grid, never in the GIR.</summary>
public enum VariableIllustrative { Gestion, Cuisine, Menage, Transports, Achats, SuiviTraitement, ActivitesTempsLibre }

/// <summary>The sub-variables the law defines for six of the discriminant variables.</summary>
public enum SousVariableAggir
{
    Communication, Comportement, Temps, Espace, ToiletteHaut, ToiletteBas, HabillageHaut, HabillageMoyen, HabillageBas,
    SeServir, Manger, Urinaire, Fecale,
}

/// <summary>The four adverbs of the filling guide (S/T/C/H): which of them the person's doing satisfies.</summary>
[Flags]
public enum Adverbes
{
    Aucun = 0,
    Spontanement = 1,
    Totalement = 2,
    Correctement = 4,
    Habituellement = 8,
    Tous = Spontanement | Totalement | Correctement | Habituellement,
}

/// <summary>One discriminant variable as entered: its code, or the codes of its sub-variables (never both).</summary>
public sealed record SaisieVariable(ModaliteAggir? Code, IReadOnlyDictionary<SousVariableAggir, ModaliteAggir>? SousVariables)
{
    public static SaisieVariable De(ModaliteAggir code) => new(code, null);
    public static SaisieVariable Par(IReadOnlyDictionary<SousVariableAggir, ModaliteAggir> sousVariables) => new(null, sousVariables);
}

/// <summary>The outcome of the legal algorithm: the group that decided, its rang (1 to 13), the GIR (1 to 6) and the
/// weighted sum of that group (shown so that a team can see how far the person is from the threshold).</summary>
public sealed record ResultatAggir(GroupeAggir Groupe, int Rang, int Gir, int Score);

/// <summary>A complete AGGIR grid: the ten discriminant variables coded, the illustrative ones when recorded.</summary>
public sealed class GrilleAggir
{
    private GrilleAggir(IReadOnlyDictionary<VariableAggir, ModaliteAggir> discriminantes, IReadOnlyDictionary<VariableIllustrative, ModaliteAggir> illustratives)
        => (Discriminantes, Illustratives) = (discriminantes, illustratives);

    public IReadOnlyDictionary<VariableAggir, ModaliteAggir> Discriminantes { get; }
    public IReadOnlyDictionary<VariableIllustrative, ModaliteAggir> Illustratives { get; }

    public ModaliteAggir this[VariableAggir v] => Discriminantes[v];

    /// <summary>Builds a grid from the variables as entered, each by its code or by its sub-variables; every one of the
    /// ten is required. Errors are in French, keyed by the API's field names (<c>coherence</c>, <c>coherence.communication</c>).</summary>
    public static Resultat<GrilleAggir> Creer(IReadOnlyDictionary<VariableAggir, SaisieVariable> saisies,
        IReadOnlyDictionary<VariableIllustrative, ModaliteAggir>? illustratives = null)
    {
        var erreurs = new Erreurs();
        var codes = new Dictionary<VariableAggir, ModaliteAggir>();
        foreach (var v in Enum.GetValues<VariableAggir>())
        {
            var champ = Aggir.Champ(v);
            var sous = Aggir.SousVariablesDe(v);
            if (!saisies.TryGetValue(v, out var s) || (s.Code is null && s.SousVariables is null))
            {
                erreurs.Ajouter(champ, sous.Count == 0
                    ? $"La variable « {Aggir.Libelle(v)} » est obligatoire : A, B ou C."
                    : $"La variable « {Aggir.Libelle(v)} » est obligatoire : A, B ou C, ou ses sous-variables ({string.Join(", ", sous.Select(Aggir.Libelle))}).");
                continue;
            }
            if (s.Code is { } code)
            {
                if (s.SousVariables is not null)
                    erreurs.Ajouter(champ, $"Indiquez la variable « {Aggir.Libelle(v)} » ou ses sous-variables, pas les deux.");
                else codes[v] = code;
                continue;
            }
            if (sous.Count == 0)
            {
                erreurs.Ajouter(champ, $"La variable « {Aggir.Libelle(v)} » n'a pas de sous-variables : indiquez A, B ou C.");
                continue;
            }
            var avant = erreurs.Messages.Count();
            foreach (var etrangere in s.SousVariables!.Keys.Where(k => !sous.Contains(k)))
                erreurs.Ajouter($"{champ}.{Aggir.Champ(etrangere)}",
                    $"« {Aggir.Libelle(etrangere)} » n'est pas une sous-variable de « {Aggir.Libelle(v)} » (attendu : {string.Join(", ", sous.Select(Aggir.Libelle))}).");
            foreach (var manquante in sous.Where(k => !s.SousVariables.ContainsKey(k)))
                erreurs.Ajouter($"{champ}.{Aggir.Champ(manquante)}",
                    $"La sous-variable « {Aggir.Libelle(manquante)} » de « {Aggir.Libelle(v)} » est obligatoire : A, B ou C, ou les quatre adverbes.");
            if (erreurs.Messages.Count() == avant) codes[v] = Aggir.Combiner(v, sous.Select(k => s.SousVariables[k]).ToList());
        }
        return erreurs.Any
            ? Resultat<GrilleAggir>.Invalide(erreurs)
            : Resultat<GrilleAggir>.Ok(new GrilleAggir(codes, new Dictionary<VariableIllustrative, ModaliteAggir>(illustratives ?? new Dictionary<VariableIllustrative, ModaliteAggir>())));
    }

    /// <summary>A grid from ten codes in the legal order (cohérence … alerter), e.g. "ABCABACABA"; for tests and the demo.</summary>
    public static GrilleAggir Depuis(string dixCodes)
    {
        if (dixCodes.Length != 10 || dixCodes.Any(c => c is not ('A' or 'B' or 'C')))
            throw new ArgumentException("Une grille AGGIR s'écrit avec dix lettres A, B ou C, de cohérence à alerter.", nameof(dixCodes));
        var saisies = Enum.GetValues<VariableAggir>().ToDictionary(v => v, v => SaisieVariable.De(Enum.Parse<ModaliteAggir>(dixCodes[(int)v].ToString())));
        return Creer(saisies).Valeur!;
    }
}

/// <summary>
/// The AGGIR → GIR algorithm of the Code de l'action sociale et des familles, annexe 2-2, with its legal tables
/// (transcribed in ../shared/interop/aggir.md). Pure: no clock, no database.
/// </summary>
public static class Aggir
{
    // Weights as (B, C) per group, in the order cohérence, orientation, toilette, habillage, alimentation, élimination,
    // transferts, déplacements intérieurs; A weighs 0, and so do déplacements extérieurs and alerter. As written in the
    // law, including group B's negative déplacements intérieurs and group H's transferts (B 2000 > C 1000).
    private static readonly (int B, int C)[][] Poids =
    [
        /* A */ [(0, 2000), (0, 1200), (16, 40), (16, 40), (20, 60), (16, 100), (120, 800), (32, 200)],
        /* B */ [(320, 1500), (120, 1200), (16, 40), (16, 40), (0, 60), (16, 100), (120, 800), (-40, -80)],
        /* C */ [(0, 0), (0, 0), (16, 40), (16, 40), (20, 60), (20, 160), (200, 1000), (40, 400)],
        /* D */ [(0, 0), (0, 0), (0, 0), (0, 0), (200, 2000), (200, 400), (200, 2000), (0, 200)],
        /* E */ [(0, 400), (0, 400), (100, 400), (100, 400), (100, 400), (100, 800), (100, 800), (0, 200)],
        /* F */ [(100, 200), (100, 200), (100, 500), (100, 500), (100, 500), (100, 500), (100, 500), (0, 200)],
        /* G */ [(0, 150), (0, 150), (200, 300), (200, 300), (200, 500), (200, 500), (200, 400), (100, 200)],
        /* H */ [(0, 0), (0, 0), (2000, 3000), (2000, 3000), (2000, 3000), (2000, 3000), (2000, 1000), (1000, 1000)],
    ];

    // Thresholds of each group, highest first: the first one reached gives the rang.
    private static readonly (int Seuil, int Rang)[][] Seuils =
    [
        /* A */ [(4380, 1), (4140, 2), (3390, 3)],
        /* B */ [(2016, 4)],
        /* C */ [(1700, 5), (1432, 6)],
        /* D */ [(2400, 7)],
        /* E */ [(1200, 8)],
        /* F */ [(800, 9)],
        /* G */ [(650, 10)],
        /* H */ [(4000, 11), (2000, 12)],
    ];

    /// <summary>Group H always ends: below its last threshold the rang is 13.</summary>
    public const int RangFinal = 13;

    public static ResultatAggir Calculer(GrilleAggir grille)
    {
        foreach (var groupe in Enum.GetValues<GroupeAggir>())
        {
            var score = Score(groupe, grille);
            if (RangAtteint(groupe, score) is { } rang) return new ResultatAggir(groupe, rang, GirDuRang(rang), score);
        }
        throw new InvalidOperationException("Le groupe H termine toujours l'algorithme AGGIR.");
    }

    /// <summary>The weighted sum of a group: the weight of each discriminant variable coded B or C.</summary>
    public static int Score(GroupeAggir groupe, GrilleAggir grille)
    {
        var poids = Poids[(int)groupe];
        var somme = 0;
        for (var i = 0; i < poids.Length; i++)
            somme += grille[(VariableAggir)i] switch
            {
                ModaliteAggir.B => poids[i].B,
                ModaliteAggir.C => poids[i].C,
                _ => 0,
            };
        return somme;
    }

    /// <summary>The rang a group gives for a sum, or null when none of its thresholds is reached (go to the next
    /// group). Group H always gives one.</summary>
    public static int? RangAtteint(GroupeAggir groupe, int score)
    {
        foreach (var (seuil, rang) in Seuils[(int)groupe])
            if (score >= seuil) return rang;
        return groupe == GroupeAggir.H ? RangFinal : null;
    }

    /// <summary>Rang → GIR: 1 → 1; 2 to 7 → 2; 8, 9 → 3; 10, 11 → 4; 12 → 5; 13 → 6.</summary>
    public static int GirDuRang(int rang) => rang switch
    {
        1 => 1,
        >= 2 and <= 7 => 2,
        8 or 9 => 3,
        10 or 11 => 4,
        12 => 5,
        13 => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(rang), rang, "Le rang AGGIR va de 1 à 13."),
    };

    /// <summary>A sub-variable from the four adverbs: all of them hold → A; none (the person does not do it) → C;
    /// otherwise B.</summary>
    public static ModaliteAggir Coter(Adverbes faits) => (faits & Adverbes.Tous) switch
    {
        Adverbes.Tous => ModaliteAggir.A,
        Adverbes.Aucun => ModaliteAggir.C,
        _ => ModaliteAggir.B,
    };

    /// <summary>
    /// A variable's code from its sub-variables (in the order of <see cref="SousVariablesDe"/>). The legal text gives no
    /// rule (the official filling guide is not part of it); these are the rules as commonly implemented, transcribed in
    /// ../shared/interop/aggir.md, and kept here only:
    /// cohérence, orientation, élimination, alimentation: all A → A; any C → C; otherwise B.
    /// toilette, habillage: all A → A; all C → C; otherwise B.
    /// </summary>
    public static ModaliteAggir Combiner(VariableAggir variable, IReadOnlyList<ModaliteAggir> sousVariables)
    {
        var attendues = SousVariablesDe(variable);
        if (attendues.Count == 0)
            throw new ArgumentException($"La variable « {Libelle(variable)} » n'a pas de sous-variables.", nameof(variable));
        if (sousVariables.Count != attendues.Count)
            throw new ArgumentException($"La variable « {Libelle(variable)} » a {attendues.Count} sous-variables ({string.Join(", ", attendues.Select(Libelle))}).", nameof(sousVariables));
        if (sousVariables.All(m => m == ModaliteAggir.A)) return ModaliteAggir.A;
        var leCPrevaut = variable is VariableAggir.Coherence or VariableAggir.Orientation or VariableAggir.Elimination or VariableAggir.Alimentation;
        return (leCPrevaut ? sousVariables.Any(m => m == ModaliteAggir.C) : sousVariables.All(m => m == ModaliteAggir.C))
            ? ModaliteAggir.C
            : ModaliteAggir.B;
    }

    public static IReadOnlyList<SousVariableAggir> SousVariablesDe(VariableAggir variable) => variable switch
    {
        VariableAggir.Coherence => [SousVariableAggir.Communication, SousVariableAggir.Comportement],
        VariableAggir.Orientation => [SousVariableAggir.Temps, SousVariableAggir.Espace],
        VariableAggir.Toilette => [SousVariableAggir.ToiletteHaut, SousVariableAggir.ToiletteBas],
        VariableAggir.Habillage => [SousVariableAggir.HabillageHaut, SousVariableAggir.HabillageMoyen, SousVariableAggir.HabillageBas],
        VariableAggir.Alimentation => [SousVariableAggir.SeServir, SousVariableAggir.Manger],
        VariableAggir.Elimination => [SousVariableAggir.Urinaire, SousVariableAggir.Fecale],
        _ => [],
    };

    /// <summary>The field name in the API (camelCase), also the key of its errors.</summary>
    public static string Champ(VariableAggir v) => JsonCamel(v.ToString());

    public static string Champ(VariableIllustrative v) => JsonCamel(v.ToString());

    /// <summary>A sub-variable's field under its variable: <c>toilette.haut</c>, <c>alimentation.seServir</c>.</summary>
    public static string Champ(SousVariableAggir s) => s switch
    {
        SousVariableAggir.ToiletteHaut or SousVariableAggir.HabillageHaut => "haut",
        SousVariableAggir.HabillageMoyen => "moyen",
        SousVariableAggir.ToiletteBas or SousVariableAggir.HabillageBas => "bas",
        _ => JsonCamel(s.ToString()),
    };

    public static string Libelle(VariableAggir v) => v switch
    {
        VariableAggir.Coherence => "cohérence",
        VariableAggir.Orientation => "orientation",
        VariableAggir.Toilette => "toilette",
        VariableAggir.Habillage => "habillage",
        VariableAggir.Alimentation => "alimentation",
        VariableAggir.Elimination => "élimination",
        VariableAggir.Transferts => "transferts",
        VariableAggir.DeplacementsInterieurs => "déplacements à l'intérieur",
        VariableAggir.DeplacementsExterieurs => "déplacements à l'extérieur",
        _ => "alerter (communication à distance)",
    };

    public static string Libelle(VariableIllustrative v) => v switch
    {
        VariableIllustrative.Gestion => "gestion",
        VariableIllustrative.Cuisine => "cuisine",
        VariableIllustrative.Menage => "ménage",
        VariableIllustrative.Transports => "transports",
        VariableIllustrative.Achats => "achats",
        VariableIllustrative.SuiviTraitement => "suivi du traitement",
        _ => "activités du temps libre",
    };

    public static string Libelle(SousVariableAggir s) => s switch
    {
        SousVariableAggir.Communication => "communication",
        SousVariableAggir.Comportement => "comportement",
        SousVariableAggir.Temps => "temps",
        SousVariableAggir.Espace => "espace",
        SousVariableAggir.ToiletteHaut or SousVariableAggir.HabillageHaut => "haut",
        SousVariableAggir.HabillageMoyen => "moyen",
        SousVariableAggir.ToiletteBas or SousVariableAggir.HabillageBas => "bas",
        SousVariableAggir.SeServir => "se servir",
        SousVariableAggir.Manger => "manger",
        SousVariableAggir.Urinaire => "urinaire",
        _ => "fécale",
    };

    public static string Libelle(Adverbes a) => a switch
    {
        Adverbes.Spontanement => "spontanément",
        Adverbes.Totalement => "totalement",
        Adverbes.Correctement => "correctement",
        Adverbes.Habituellement => "habituellement",
        _ => a.ToString(),
    };

    private static string JsonCamel(string nom) => char.ToLowerInvariant(nom[0]) + nom[1..];
}
