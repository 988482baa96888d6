using System.Text.Json;
using Bogus;
using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Ecrits;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Hote.Demo;

/// <summary>
/// The demo's accompaniment, so that a demo on any day shows a living record: evaluations (AGGIR computed by the legal
/// algorithm, Braden, MNA, pain; SERAFIN-PH needs at the IME), projets personnalisés in every deadline state with their
/// versions, and three months of transmissions by the team, the last ones partly unread by the demo nurse and educator.
/// Written straight through the entities (the use cases stamp "now"; the demo needs a past), with the same content
/// and the same computations as the use cases; dated from today, deterministic for a seed, synthetic.
/// </summary>
internal sealed class DonneesAccompagnement
{
    /// <summary>How far back the transmissions go.</summary>
    public const int JoursTransmissions = 91;

    private sealed record Pro(Guid Id, string Nom, Role Role, Guid EssmsId, Guid? UniteId, string Login);

    private sealed class Personne
    {
        public Guid UsagerId, SejourId, EssmsId;
        public Guid? UniteId;
        public string? Unite;
        public DateOnly Admission, AdmissionPrevue, Naissance;
        public Sexe Sexe;
        public required string Prenom, Nom;
        public string? Proche, LienProche;
        public int Age;
        /// <summary>Rank in a stable order (identity, not the random ids), so that a seed gives the same demo.</summary>
        public int Rang;
        /// <summary>Physical dependency today, 0 (none) to 1 (total); cognition 0 (A), 1 (B), 2 (C).</summary>
        public double Physique;
        public int Cognition;
        public ChampActivite Champ;
        /// <summary>The latest AGGIR codes (EHPAD, SSIAD) or SERAFIN-PH needs present (IME), to write the projet from.</summary>
        public string? DerniersCodesAggir;
        public List<string> BesoinsSerafin = [];
    }

    private readonly OpenDuiDbContext _db;
    private readonly int _graine;
    private Randomizer _r;
    private readonly DateOnly _aujourdhui;
    private readonly DateTimeOffset _maintenant;
    private readonly TimeZoneInfo _fuseau;
    private readonly CalculAggir _calculAggir = new();
    private List<Pro> _pros = [];
    private readonly Dictionary<Guid, int> _actionsCetteSemaine = [];

    private DonneesAccompagnement(OpenDuiDbContext db, TimeProvider horloge, int graine)
    {
        _db = db;
        _graine = graine;
        _r = new Randomizer(graine);
        _aujourdhui = db.Aujourdhui;
        _maintenant = db.Maintenant;
        _fuseau = horloge.LocalTimeZone;
    }

    public static async Task AjouterAsync(OpenDuiDbContext db, TimeProvider horloge, int graine)
    {
        // The usagers just created are saved: forget them, so that the saves below only look at the new rows.
        db.ChangeTracker.Clear();
        var d = new DonneesAccompagnement(db, horloge, graine);
        await d.ChargerAsync();
    }

    private async Task ChargerAsync()
    {
        _pros = (await _db.Habilitations.AsNoTracking().Where(h => h.EssmsId != null && !h.EnAttente)
                .Join(_db.Users, h => h.ProfessionnelId, p => p.Id, (h, p) => new { h.Role, EssmsId = h.EssmsId!.Value, h.UniteId, p.Id, p.Prenom, p.Nom, p.UserName })
                .ToListAsync())
            .Where(x => x.Role.OuvreLesDossiers())
            .Select(x => new Pro(x.Id, $"{x.Prenom} {x.Nom}", x.Role, x.EssmsId, x.UniteId, x.UserName!.Split('@')[0])).ToList();
        var essms = await _db.Essms.AsNoTracking().Include(e => e.Unites).ToListAsync();
        var personnes = await PersonnesAsync();

        var rang = 0;
        foreach (var e in essms.OrderBy(e => e.FinessEt))
        {
            var ici = personnes.Where(p => p.EssmsId == e.Id).OrderBy(p => p.Admission).ThenBy(p => p.Rang).ToList();
            if (ici.Count == 0) continue;
            // One random stream per part: the écrits (which skip the IME's weekends) do not change the projets of another weekday.
            var k = ++rang;
            Randomizer Flux(int partie) => new(_graine * 7 + k * 10 + partie);
            _r = Flux(1);
            switch (e.ChampActivite)
            {
                case ChampActivite.PA:
                case ChampActivite.DOM:
                    foreach (var p in ici) EvaluationsPersonneAgee(p);
                    break;
                case ChampActivite.PH:
                    foreach (var p in ici) EvaluationsSerafin(p);
                    break;
            }
            _r = Flux(2);
            Projets(e, ici);
            _r = Flux(3);
            if (e.ChampActivite != ChampActivite.DOM) Ecrits(e, ici);
            await _db.SaveChangesAsync();
            _db.ChangeTracker.Clear();
        }
    }

    private async Task<List<Personne>> PersonnesAsync()
    {
        var aujourdhui = _aujourdhui;
        var lignes = await _db.Sejours.AsNoTracking()
            .Where(s => !s.Annule && s.DateAdmission != null && s.DateAdmission <= aujourdhui && (s.DateSortie == null || s.DateSortie > aujourdhui))
            .Select(s => new
            {
                s.Id, s.UsagerId, s.EssmsId, s.UniteId, Unite = s.Unite == null ? null : s.Unite.Nom, s.DateAdmission, s.DateAdmissionPrevue, s.Essms!.ChampActivite,
                Usager = _db.Set<Usager>().Where(u => u.Id == s.UsagerId).Select(u => new { u.Sexe, u.DateNaissance, Prenom = u.PrenomUtilise ?? u.PremierPrenom, Nom = u.NomUtilise ?? u.NomNaissance }).First(),
            }).ToListAsync();
        var usagers = lignes.Select(l => l.UsagerId).ToList();
        var proches = (await _db.Set<Contact>().AsNoTracking().Where(c => usagers.Contains(c.UsagerId)).Select(c => new { c.UsagerId, c.Prenom, c.Nom, c.Lien }).ToListAsync())
            .GroupBy(c => c.UsagerId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Nom).First());
        return lignes.OrderBy(l => l.Usager.Nom, StringComparer.Ordinal).ThenBy(l => l.Usager.Prenom, StringComparer.Ordinal).ThenBy(l => l.Usager.DateNaissance)
            .ThenBy(l => l.DateAdmission).Select((l, rang) =>
        {
            var age = Age.EnAnnees(l.Usager.DateNaissance, aujourdhui);
            var p = new Personne
            {
                UsagerId = l.UsagerId, SejourId = l.Id, EssmsId = l.EssmsId, UniteId = l.UniteId, Unite = l.Unite, Admission = l.DateAdmission!.Value,
                AdmissionPrevue = l.DateAdmissionPrevue, Naissance = l.Usager.DateNaissance, Sexe = l.Usager.Sexe, Prenom = Capitaliser(l.Usager.Prenom),
                Nom = l.Usager.Nom, Age = age, Champ = l.ChampActivite, Rang = rang,
                Proche = proches.TryGetValue(l.UsagerId, out var c) ? $"{c.Prenom} {c.Nom}" : null, LienProche = c?.Lien,
            };
            // Dependency grows with age; the protected unit welcomes people with a dementia.
            p.Physique = Math.Clamp((l.ChampActivite == ChampActivite.PA ? 0.35 : 0.2) + (age - 70) * 0.016 + Gauss(0.18), 0.02, 0.98);
            var protegee = l.Unite?.Contains("protégée", StringComparison.Ordinal) == true;
            p.Cognition = protegee ? (_r.Bool(0.8f) ? 2 : 1)
                : _r.Double() < 0.08 + Math.Max(0, age - 70) * 0.007 ? 2 : _r.Bool(0.3f) ? 1 : 0;
            return p;
        }).ToList();
    }

    // ====================================================================== Évaluations

    private const string Codes = "ABC";

    /// <summary>Ten AGGIR codes (cohérence … alerter) for a physical dependency and a cognition.</summary>
    private string CodesAggir(double p, int cognition)
    {
        char Code(double v) => v < 0.38 ? 'A' : v < 0.72 ? 'B' : 'C';
        double n() => _r.Double(-0.08, 0.08);
        var k = 0.12 * cognition;
        var c = new char[10];
        c[(int)VariableAggir.Coherence] = Codes[cognition];
        c[(int)VariableAggir.Orientation] = cognition switch { 0 => _r.Bool(0.2f) ? 'B' : 'A', 1 => 'B', _ => _r.Bool(0.8f) ? 'C' : 'B' };
        c[(int)VariableAggir.Toilette] = Code(p + 0.12 + k + n());
        c[(int)VariableAggir.Habillage] = Code(p + 0.08 + k + n());
        c[(int)VariableAggir.Alimentation] = Code(p - 0.18 + k + n());
        c[(int)VariableAggir.Elimination] = Code(p - 0.02 + k + n());
        c[(int)VariableAggir.Transferts] = Code(p - 0.08 + n());
        c[(int)VariableAggir.DeplacementsInterieurs] = Code(p - 0.05 + n());
        c[(int)VariableAggir.DeplacementsExterieurs] = Code(p + 0.25 + 0.1 * cognition + n());
        c[(int)VariableAggir.Alerter] = cognition == 2 ? 'C' : Code(p + 0.1 * cognition + n());
        return new string(c);
    }

    /// <summary>One to three AGGIR evaluations over two years (the person declining), and for some Braden, MNA and pain.</summary>
    private void EvaluationsPersonneAgee(Personne x)
    {
        var evaluateurs = ProsDe(x, Role.Medecin, Role.Infirmier);
        var soignants = ProsDe(x, Role.Infirmier, Role.AideSoignant, Role.Medecin);
        if (evaluateurs.Count == 0) return;
        var debut = x.Admission.AddDays(2);
        var ecart = _aujourdhui.DayNumber - x.Admission.DayNumber;
        // The last one: usually within the year; a few due soon or late (AGGIR is redone every year).
        var recul = _r.Double() switch { < 0.8 => _r.Int(5, 320), < 0.9 => _r.Int(336, 360), _ => _r.Int(370, 420) };
        var derniere = _aujourdhui.AddDays(-Math.Min(recul, Math.Max(1, ecart - 2)));
        if (derniere < debut) derniere = debut > _aujourdhui ? _aujourdhui : debut;
        var dates = new List<DateOnly> { derniere };
        var nombre = _r.Int(1, 3);
        while (dates.Count < nombre)
        {
            var precedente = dates[^1].AddDays(-_r.Int(330, 400));
            if (precedente < debut || precedente < _aujourdhui.AddYears(-2)) break;
            dates.Add(precedente);
        }
        dates.Reverse();
        for (var i = 0; i < dates.Count; i++)
        {
            var date = dates[i];
            // Younger in the past: less dependent.
            var annees = (_aujourdhui.DayNumber - date.DayNumber) / 365.0;
            var p = Math.Clamp(x.Physique - 0.1 * annees, 0.02, 0.98);
            var cognition = i == 0 && dates.Count > 1 && x.Cognition > 0 && _r.Bool(0.3f) ? x.Cognition - 1 : x.Cognition;
            var codes = CodesAggir(p, cognition);
            var demande = Demande(codes, x.Champ == ChampActivite.PA, cognition, p);
            var r = _calculAggir.Calculer(demande).Valeur!;
            var contenu = new ContenuEvaluation(SaisieAggir: JsonSerializer.SerializeToElement(demande, DefinitionGrille.Json), Variables: r.Variables,
                Illustratives: r.Illustratives);
            var auteur = _r.ArrayElement(evaluateurs.ToArray());
            var commentaire = i == 0 && x.Admission >= date.AddDays(-30) ? "Évaluation d'entrée, faite avec l'équipe et la famille." : _r.Bool(0.3f) ? "Évaluation annuelle faite en équipe." : null;
            Evaluation(GrillesIntegrees.Aggir, x, date, auteur, contenu, null, null, new ResultatAggir(r.Groupe, r.Rang, r.Gir, r.Score), commentaire);
            x.DerniersCodesAggir = codes;
        }
        if (soignants.Count == 0) return;
        var dernierAggir = x.DerniersCodesAggir!;
        char V(VariableAggir v) => dernierAggir[(int)v];
        // Braden (every three months) for the people at risk of pressure sores, MNA (six months) for most.
        if (x.Physique > 0.3 || _r.Bool(0.5f))
        {
            var date = Jour(_r.Double() switch { < 0.75 => _r.Int(2, 60), < 0.9 => _r.Int(62, 88), _ => _r.Int(95, 130) }, x);
            int Rang(char c, int a, int b, int cc) => c switch { 'A' => a, 'B' => b, _ => cc };
            Item(GrillesIntegrees.Braden, x, date, soignants, new()
            {
                ["perception"] = x.Cognition == 2 ? _r.Int(1, 2) : 3,
                ["humidite"] = Math.Max(0, Rang(V(VariableAggir.Elimination), 3, 2, 1) - (_r.Bool(0.2f) ? 1 : 0)),
                ["activite"] = Rang(V(VariableAggir.DeplacementsInterieurs), _r.Int(2, 3), 2, _r.Int(0, 1)),
                ["mobilite"] = Rang(V(VariableAggir.Transferts), 3, 2, _r.Int(0, 1)),
                ["nutrition"] = Rang(V(VariableAggir.Alimentation), _r.Int(2, 3), _r.Int(1, 2), 1),
                ["friction"] = Rang(V(VariableAggir.Transferts), 2, 1, _r.Int(0, 1)),
            });
        }
        if (x.Champ == ChampActivite.PA && _r.Bool(0.6f))
        {
            var date = Jour(_r.Double() switch { < 0.8 => _r.Int(3, 150), < 0.9 => _r.Int(152, 178), _ => _r.Int(185, 230) }, x);
            var fragile = x.Physique > 0.55;
            Item(GrillesIntegrees.Mna, x, date, soignants, new()
            {
                ["appetit"] = fragile ? _r.Int(0, 1) : _r.Int(1, 2),
                ["poids"] = fragile ? _r.Int(0, 2) : _r.Int(2, 3),
                ["motricite"] = V(VariableAggir.DeplacementsInterieurs) switch { 'A' => 2, 'B' => 1, _ => 0 },
                ["stress"] = _r.Bool(0.25f) ? 0 : 1,
                ["neuropsy"] = 2 - x.Cognition,
                ["imc"] = fragile ? _r.Int(0, 2) : _r.Int(1, 3),
            });
        }
        // Pain: the numeric scale for who can say it, Algoplus for who cannot.
        if (_r.Bool(0.4f))
        {
            var date = Jour(_r.Int(0, 60), x);
            if (x.Cognition < 2)
                Item(GrillesIntegrees.DouleurEn, x, date, soignants, new() { ["intensite"] = _r.WeightedRandom([0, 1, 2, 3, 4, 5, 6, 7], [0.15f, 0.1f, 0.2f, 0.2f, 0.15f, 0.1f, 0.06f, 0.04f]) });
            else
            {
                var oui = _r.Int(0, 3);
                var items = new[] { "visage", "regard", "plaintes", "corps", "comportements" }.OrderBy(_ => _r.Int()).ToArray();
                Item(GrillesIntegrees.Algoplus, x, date, soignants, items.Select((c, i) => (c, i < oui)).ToDictionary(t => t.c, t => (object)t.Item2));
            }
        }
    }

    private DateOnly Jour(int joursAvant, Personne x)
    {
        var d = _aujourdhui.AddDays(-joursAvant);
        return d < x.Admission ? x.Admission : d;
    }

    private DemandeCalculAggir Demande(string codes, bool etablissement, int cognition, double p)
    {
        JsonElement C(char c) => JsonSerializer.SerializeToElement(c.ToString());
        JsonElement? I(char c) => C(c);
        // Illustrative variables: in an EHPAD, managing money, cooking and cleaning are done for the person.
        char Illustrative(double seuil) => cognition == 0 && p < seuil ? (_r.Bool(0.5f) ? 'A' : 'B') : cognition == 2 || p > seuil + 0.3 ? 'C' : 'B';
        return new DemandeCalculAggir(C(codes[0]), C(codes[1]), C(codes[2]), C(codes[3]), C(codes[4]), C(codes[5]), C(codes[6]), C(codes[7]), C(codes[8]), C(codes[9]),
            Gestion: I(Illustrative(0.3)), Cuisine: I(etablissement ? 'C' : Illustrative(0.25)), Menage: I(etablissement ? 'C' : Illustrative(0.2)),
            Transports: I(Illustrative(0.15)), Achats: I(etablissement ? 'C' : Illustrative(0.2)), SuiviTraitement: I(Illustrative(0.35)),
            ActivitesTempsLibre: I(Illustrative(0.5)));
    }

    /// <summary>An evaluation with a grid defined as data, scored by the grid's own rule (as the use case does).</summary>
    private void Item(Guid grilleId, Personne x, DateOnly date, List<Pro> auteurs, Dictionary<string, object> reponses)
    {
        var g = GrillesIntegrees.Trouver(grilleId)!;
        var score = g.Definition.Calculer(reponses.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value))).Valeur!;
        Evaluation(grilleId, x, date, _r.ArrayElement(auteurs.ToArray()), new ContenuEvaluation(Items: score.Reponses), score.Score, score.Interpretation, null, null);
    }

    /// <summary>One or two SERAFIN-PH needs grids: the needs present (with intensity and a comment), the others rated absent.</summary>
    private void EvaluationsSerafin(Personne x)
    {
        var auteurs = ProsDe(x, Role.Educateur, Role.Psychologue, Role.ChefDeService);
        if (auteurs.Count == 0) return;
        var feuilles = NomenclatureSerafin.ACoter.Select(b => b.Code).ToList();
        // Everyone at the IME needs the school and communication; the rest varies.
        var presents = new HashSet<string> { "1.3.3.1", "1.3.3.3" };
        foreach (var code in TextesDemo.CommentairesBesoinsIme.Keys.OrderBy(_ => _r.Int()).Take(_r.Int(4, 7))) presents.Add(code);
        if (x.Age >= 15) presents.Add("1.3.3.2");
        var ecart = _aujourdhui.DayNumber - x.Admission.DayNumber;
        var recul = _r.Double() switch { < 0.8 => _r.Int(10, 320), < 0.9 => _r.Int(336, 360), _ => _r.Int(370, 400) };
        var dates = new List<DateOnly> { _aujourdhui.AddDays(-Math.Min(recul, Math.Max(0, ecart - 5))) };
        if (_r.Bool(0.5f) && dates[0].AddDays(-365) >= x.Admission.AddDays(5)) dates.Insert(0, dates[0].AddDays(-365 + _r.Int(-20, 20)));
        foreach (var date in dates)
        {
            var besoins = feuilles.Select(code => presents.Contains(code)
                ? new BesoinSaisi(code, true, _r.WeightedRandom([IntensiteBesoin.Leger, IntensiteBesoin.Modere, IntensiteBesoin.Important], [0.3f, 0.45f, 0.25f]),
                    TextesDemo.CommentairesBesoinsIme.GetValueOrDefault(code))
                : new BesoinSaisi(code, false)).ToList();
            Evaluation(GrillesIntegrees.SerafinPh, x, date, _r.ArrayElement(auteurs.ToArray()), new ContenuEvaluation(Besoins: besoins), besoins.Count(b => b.Present), null, null,
                date == dates[0] && x.Admission >= date.AddDays(-60) ? "Évaluation des besoins à l'admission, avec les parents." : null);
        }
        x.BesoinsSerafin = presents.OrderBy(c => c, StringComparer.Ordinal).ToList();
    }

    private void Evaluation(Guid grilleId, Personne x, DateOnly date, Pro auteur, ContenuEvaluation contenu, decimal? score, string? interpretation,
        ResultatAggir? aggir, string? commentaire)
    {
        var g = GrillesIntegrees.Trouver(grilleId)!;
        var saisie = Instant(date, _r.Int(9, 16), _r.Int(0, 59));
        var validee = Avant(saisie.AddMinutes(_r.Int(5, 40)));
        _db.Evaluations.Add(new Evaluation
        {
            UsagerId = x.UsagerId, EssmsId = x.EssmsId, GrilleId = g.Id, VersionGrilleId = g.VersionId, DateEvaluation = date, Statut = StatutEvaluation.Validee,
            AuteurId = auteur.Id, AuteurNom = auteur.Nom, RoleAuteur = auteur.Role, CreeeLe = saisie, ModifieeLe = validee, ValideeLe = validee,
            Reponses = contenu.VersJson(), Commentaire = commentaire, Score = score, Interpretation = interpretation,
            Gir = aggir?.Gir, Rang = aggir?.Rang, GroupeAggir = aggir?.Groupe,
        });
        // The same words as the use case's validation.
        var resultat = g.Nature switch
        {
            NatureGrille.Aggir => $"GIR {aggir!.Gir} (rang {aggir.Rang})",
            NatureGrille.SerafinPh => $"{score:0} besoin(s) identifié(s)",
            _ => $"score {DefinitionGrille.Nombre(score ?? 0)}{(interpretation is null ? "" : $", {interpretation.ToLowerInvariant()}")}",
        };
        Noter(x, validee, "Evaluation", $"Évaluation {g.Nom} du {date:dd/MM/yyyy} validée : {resultat}", auteur);
    }

    // ====================================================================== Projets personnalisés

    private static readonly string[] ParentsIme = ["Nathalie", "Stéphane", "Karine", "Nicolas", "Samia", "Julien", "Céline", "Mehdi"];

    private enum Scenario { Recent, PremierBientotDu, AJour, BientotDu, RetardActualisation, RetardPremier }

    // The older séjours take these in turn, so that every deadline state shows in each ESSMS.
    private static readonly Scenario[] Cycle =
    [
        Scenario.AJour, Scenario.BientotDu, Scenario.AJour, Scenario.RetardActualisation, Scenario.AJour, Scenario.RetardPremier,
        Scenario.AJour, Scenario.BientotDu, Scenario.AJour, Scenario.AJour, Scenario.RetardActualisation, Scenario.AJour,
    ];

    private void Projets(Essms essms, List<Personne> personnes)
    {
        var ph = essms.ChampActivite == ChampActivite.PH;
        var valideurs = _pros.Where(p => p.EssmsId == essms.Id && p.UniteId is null && p.Role is Role.ChefDeService or Role.Direction)
            .OrderBy(p => p.Role == Role.ChefDeService ? 0 : 1).ToList();
        if (valideurs.Count == 0) return;
        var i = 0;
        var focus = 0;
        foreach (var x in personnes.OrderByDescending(p => p.Admission).ThenBy(p => p.Rang))
        {
            var anciennete = _aujourdhui.DayNumber - x.Admission.DayNumber;
            var premierProjet = x.Admission.AddMonths(EcheancesProjet.MoisPremierProjet);
            var scenario = premierProjet > _aujourdhui.AddDays(EcheancesProjet.JoursAlerte) ? Scenario.Recent
                : premierProjet >= _aujourdhui ? Scenario.PremierBientotDu
                : Cycle[i++ % Cycle.Length];
            // The version in force the scenario asks for, after the admission (the first one at least 45 days after it);
            // a séjour too short for its story takes the closest one that fits.
            var premiereValidationPossible = x.Admission.AddDays(45);
            var anAvant = _aujourdhui.AddMonths(-EcheancesProjet.MoisActualisation);
            if (scenario == Scenario.BientotDu && anAvant.AddDays(5) < premiereValidationPossible) scenario = Scenario.AJour;
            if (scenario == Scenario.RetardActualisation && anAvant.AddDays(-2) < premiereValidationPossible) scenario = Scenario.RetardPremier;
            DateOnly? enVigueur = scenario switch
            {
                Scenario.AJour => Max(premiereValidationPossible, _aujourdhui.AddDays(-_r.Int(30, 300))),
                Scenario.BientotDu => Max(premiereValidationPossible, anAvant.AddDays(_r.Int(5, 25))),
                Scenario.RetardActualisation => Max(premiereValidationPossible, anAvant.AddDays(-_r.Int(15, 130))),
                _ => null,
            };
            var validations = new List<DateOnly>();
            if (enVigueur is { } v)
            {
                validations.Add(v);
                while (validations.Count < 3 && _r.Bool(0.6f))
                {
                    var avant = validations[^1].AddDays(-_r.Int(330, 390));
                    if (avant < premiereValidationPossible) break;
                    validations.Add(avant);
                }
                validations.Reverse();
            }

            // Référents: the demo nurse or educator for some, always for some of what is due.
            var equipe = ProsDe(x, GestionProjets.Referents);
            var demo = equipe.FirstOrDefault(p => p.Login is "infirmier" or "educateur");
            var referents = new List<Pro>();
            var du = scenario is Scenario.BientotDu or Scenario.RetardActualisation or Scenario.RetardPremier or Scenario.PremierBientotDu;
            if (demo is not null && ((du && focus++ % 2 == 0) || _r.Bool(0.3f))) referents.Add(demo);
            var autres = equipe.Where(p => p.Role is Role.AideSoignant or Role.Educateur or Role.Infirmier && p != demo && (p.UniteId is null || p.UniteId == x.UniteId)).ToList();
            if (autres.Count > 0 && (referents.Count == 0 || _r.Bool(0.4f))) referents.Add(_r.ArrayElement(autres.ToArray()));
            if (referents.Count == 0 && equipe.Count > 0) referents.Add(equipe[0]);
            if (scenario == Scenario.Recent && anciennete < 20) referents.Clear(); // just arrived: nobody named yet

            if (referents.Count == 0 && validations.Count == 0) continue;
            var projet = new ProjetPersonnalise
            {
                UsagerId = x.UsagerId, SejourId = x.SejourId, EssmsId = x.EssmsId,
                CreeLe = Instant(Max(x.Admission.AddDays(_r.Int(7, 30)), x.Admission), 10, 0),
            };
            if (projet.CreeLe > _maintenant) projet.CreeLe = Avant(projet.CreeLe);
            _db.Projets.Add(projet);
            var valideur = valideurs[0];
            foreach (var r in referents)
                _db.ReferentsProjet.Add(new ReferentProjet { ProjetId = projet.Id, UsagerId = x.UsagerId, ProfessionnelId = r.Id, DesigneLe = projet.CreeLe });
            if (referents.Count > 0)
                Noter(x, projet.CreeLe, "ProjetPersonnalise", $"Référent(s) du projet personnalisé : {string.Join(", ", referents.Select(r => r.Nom))}", valideur);

            var type = ph ? (_r.Bool(0.6f) ? TypeProjet.PPI : TypeProjet.PP) : essms.ChampActivite == ChampActivite.PA ? (_r.Bool(0.7f) ? TypeProjet.PPA : TypeProjet.PP) : TypeProjet.PPA;
            var modeles = (ph ? TextesDemo.ObjectifsIme : essms.ChampActivite == ChampActivite.PA ? TextesDemo.ObjectifsEhpad : TextesDemo.ObjectifsSsiad)
                .Where(o => ph || x.Cognition == 2 || !o.Libelle.Contains("angoisse", StringComparison.Ordinal))
                .Where(o => !ph || x.Age >= 15 || !o.Libelle.Contains("professionnelle", StringComparison.Ordinal))
                .OrderBy(_ => _r.Int()).ToList();
            var attentes = _r.ArrayElement(ph ? TextesDemo.AttentesIme : essms.ChampActivite == ChampActivite.PA ? TextesDemo.AttentesEhpad : TextesDemo.AttentesSsiad);
            VersionProjet? precedente = null;
            List<ObjectifProjet> objectifsPrecedents = [];
            var numero = 0;
            foreach (var date in validations)
            {
                (precedente, objectifsPrecedents) = Version(projet, x, ph, type, ++numero, date, attentes, modeles, precedente, objectifsPrecedents, referents, valideur,
                    brouillon: false, enVigueur: date == validations[^1]);
                projet.VersionEnVigueurId = precedente.Id;
                projet.DateDerniereValidation = date;
            }
            // A draft in preparation: the revision of a projet due soon, or the first projet of some recent or late séjours.
            var brouillon = scenario switch
            {
                Scenario.BientotDu or Scenario.PremierBientotDu => _r.Bool(0.6f),
                Scenario.RetardPremier or Scenario.Recent => anciennete > 40 && _r.Bool(0.5f),
                _ => false,
            };
            if (brouillon)
                Version(projet, x, ph, type, ++numero, _aujourdhui.AddDays(-_r.Int(2, 20)), attentes, modeles, precedente, objectifsPrecedents, referents, valideur,
                    brouillon: true, enVigueur: false);
        }
    }

    /// <summary>One version of a projet: validated on <paramref name="date"/> (the agreement's day), or a draft opened that day.
    /// A revision judges the open objectives of the version it revises (bilan) and adds new ones.</summary>
    private (VersionProjet, List<ObjectifProjet>) Version(ProjetPersonnalise projet, Personne x, bool ph, TypeProjet type, int numero, DateOnly date, string attentes,
        List<ModeleObjectif> modeles, VersionProjet? precedente, List<ObjectifProjet> objectifsPrecedents, List<Pro> referents, Pro valideur, bool brouillon,
        bool enVigueur)
    {
        var redacteur = referents.Count > 0 ? referents[0] : valideur;
        var reunion = Max(x.Admission, date.AddDays(-_r.Int(0, 10)));
        var cree = Avant(Instant(Max(x.Admission, reunion.AddDays(-_r.Int(10, 30))), 14, _r.Int(0, 59)));
        var v = new VersionProjet
        {
            ProjetId = projet.Id, UsagerId = x.UsagerId, Numero = numero, Statut = brouillon ? StatutVersion.Brouillon : StatutVersion.Valide, Type = type,
            Attentes = attentes, CreeLe = cree, CreeParId = redacteur.Id, CreeParNom = redacteur.Nom, ModifieLe = cree, ReviseVersionId = precedente?.Id,
        };
        _db.VersionsProjet.Add(v);

        // Objectives: the open ones of the previous version, judged; then new ones up to two to four in progress.
        var objectifs = new List<ObjectifProjet>();
        var horizon = date.AddMonths(_r.Int(9, 12));
        var ordre = 0;
        foreach (var o in objectifsPrecedents.Where(o => !o.Bilan.Clos()))
        {
            var bilan = brouillon && _r.Bool(0.5f) ? (ResultatObjectif?)null
                : _r.WeightedRandom([ResultatObjectif.Atteint, ResultatObjectif.PartiellementAtteint, ResultatObjectif.NonAtteint, ResultatObjectif.Abandonne], [0.4f, 0.4f, 0.12f, 0.08f]);
            var copie = new ObjectifProjet
            {
                VersionId = v.Id, UsagerId = x.UsagerId, Suivi = o.Suivi, Ordre = ordre++, Libelle = o.Libelle, Critere = o.Critere,
                Horizon = bilan.Clos() ? o.Horizon : horizon, Bilan = bilan,
                BilanCommentaire = bilan switch
                {
                    ResultatObjectif.Atteint => "Objectif atteint, constaté par l'équipe et la personne.",
                    ResultatObjectif.PartiellementAtteint => "Des progrès, à poursuivre cette année.",
                    ResultatObjectif.NonAtteint => "Pas de progrès : les moyens sont revus.",
                    ResultatObjectif.Abandonne => "La personne ne souhaite plus poursuivre cet objectif.",
                    _ => null,
                },
            };
            objectifs.Add(copie);
        }
        var enCours = objectifs.Count(o => !o.Bilan.Clos());
        var voulus = _r.Int(2, 4);
        var modelesObjectifs = new Dictionary<Guid, ModeleObjectif>();
        string Accorde(string t) => t.Replace("seul(e)", x.Sexe == Sexe.F ? "seule" : "seul");
        foreach (var m in modeles.Where(m => objectifs.All(o => o.Libelle != Accorde(m.Libelle))).Take(Math.Max(enCours == 0 ? 1 : 0, voulus - enCours)))
        {
            var o = new ObjectifProjet
            {
                VersionId = v.Id, UsagerId = x.UsagerId, Ordre = ordre++, Libelle = Accorde(m.Libelle), Critere = Accorde(m.Critere), Horizon = horizon,
            };
            objectifs.Add(o);
            modelesObjectifs[o.Id] = m;
        }
        // Every objective reached and no new one left to set: the team carries on the last one (a projet sets at least one).
        if (objectifs.Count > 0 && objectifs.All(o => o.Bilan.Clos()))
        {
            var suite = objectifs[^1];
            (suite.Bilan, suite.BilanCommentaire, suite.Horizon) = (ResultatObjectif.PartiellementAtteint, "Des progrès, à poursuivre cette année.", horizon);
        }
        foreach (var o in objectifs) _db.ObjectifsProjet.Add(o);

        // Actions: those of the carried objectives are re-planned, new objectives get their model's actions.
        var (lundi, dimanche) = GestionProjets.Semaine(_aujourdhui);
        foreach (var o in objectifs.Where(o => !o.Bilan.Clos()))
        {
            var modele = modelesObjectifs.GetValueOrDefault(o.Id) ?? modeles.Concat(TextesDemo.ObjectifsEhpad).Concat(TextesDemo.ObjectifsIme).Concat(TextesDemo.ObjectifsSsiad)
                .FirstOrDefault(m => m.Libelle.Replace("seul(e)", "seul") == o.Libelle.Replace("seule", "seul"));
            if (modele is null) continue;
            var j = 0;
            foreach (var a in modele.Actions)
            {
                var porteur = a.Role is { } role ? Porteur(x, role) : null;
                var echeance = date.AddDays(_r.Int(20, Math.Max(21, o.Horizon!.Value.DayNumber - date.DayNumber)));
                var jourDeLaSemaine = _r.Int(0, 6); // drawn always, so that the weekday does not change what follows
                // The demo nurse and educator find a few of their actions due this week on "Ma journée".
                if (enVigueur && porteur is { Login: "infirmier" or "educateur" } && _actionsCetteSemaine.GetValueOrDefault(porteur.Id) < 4
                    && date <= lundi && o.Horizon >= dimanche)
                {
                    echeance = lundi.AddDays(jourDeLaSemaine);
                    _actionsCetteSemaine[porteur.Id] = _actionsCetteSemaine.GetValueOrDefault(porteur.Id) + 1;
                }
                _db.ActionsProjet.Add(new ActionProjet
                {
                    VersionId = v.Id, ObjectifId = o.Id, UsagerId = x.UsagerId, Ordre = j++, Libelle = a.Libelle, Moyens = a.Moyens, PorteurId = porteur?.Id,
                    Porteur = porteur?.Nom ?? a.Porteur ?? (a.Role is { } r2 ? $"l'équipe ({r2.Libelle().ToLowerInvariant()})" : "la personne"), Echeance = echeance,
                });
            }
        }

        // Needs from the latest evaluation (AGGIR variables rated B or C, or SERAFIN-PH needs present), prestations serving the objectives.
        var besoins = new List<Besoin>();
        if (ph)
            foreach (var code in x.BesoinsSerafin.Take(6))
                besoins.Add(new Besoin(code, SerafinPh.Trouver(code)!.Libelle, TextesDemo.CommentairesBesoinsIme.GetValueOrDefault(code)));
        else if (x.DerniersCodesAggir is { } codes)
            foreach (var variable in Enum.GetValues<VariableAggir>().Where(vr => codes[(int)vr] != 'A').Take(5))
            {
                var (libelle, _) = BesoinsAggir.Besoin(variable, Enum.Parse<ModaliteAggir>(codes[(int)variable].ToString()));
                besoins.Add(new Besoin(null, libelle, codes[(int)variable] == 'C' ? $"Ne le fait pas {(x.Sexe == Sexe.F ? "seule" : "seul")}" : "Le fait en partie"));
            }
        if (besoins.Count == 0 && !ph) besoins.Add(new Besoin(null, "Maintien de l'autonomie et de la vie sociale", null));
        var prestations = new List<Prestation>();
        if (ph)
        {
            foreach (var code in objectifs.Select(o => modelesObjectifs.GetValueOrDefault(o.Id)?.Prestation ?? TextesDemo.ObjectifsIme.FirstOrDefault(m => m.Libelle == o.Libelle)?.Prestation)
                         .OfType<string>().Append("2.3.1.1").Distinct())
                prestations.Add(new Prestation(code, SerafinPh.Trouver(code)!.Libelle, code == "2.3.1.1" ? "Réunion de projet avec la famille, supports en images" : null));
        }
        else
            foreach (var (libelle, precision) in (x.Champ == ChampActivite.PA ? TextesDemo.PrestationsEhpad : TextesDemo.PrestationsSsiad).OrderBy(_ => _r.Int()).Take(_r.Int(2, 4)))
                prestations.Add(new Prestation(null, libelle, precision));

        var mineur = x.Naissance.AddYears(18) > date;
        var participants = new List<Participant> { new(QualiteParticipant.Personne, $"{x.Prenom} {x.Nom}", null, null) };
        // A child's parent (named after the child), an adult's relative from their entourage.
        var representant = mineur ? $"{_r.ArrayElement(ParentsIme)} {x.Nom}" : null;
        if (representant is not null) participants.Add(new(QualiteParticipant.RepresentantLegal, representant, "parent", null));
        else if (ph) participants.Add(new(QualiteParticipant.Famille, $"{_r.ArrayElement(ParentsIme)} {x.Nom}", "parent", null));
        else if (x.Proche is not null) participants.Add(new(QualiteParticipant.Famille, x.Proche, x.LienProche, null));
        foreach (var r in referents) participants.Add(new(QualiteParticipant.Professionnel, r.Nom, $"Référent ({r.Role.Libelle().ToLowerInvariant()})", r.Id));
        var presents = participants.Select(p => p.Nom).ToList();
        var personnePresente = !brouillon && _r.Bool(0.9f);
        var contenu = new ContenuVersion
        {
            Besoins = besoins, Prestations = prestations, Participants = participants,
            Reunion = brouillon ? null : new Reunion(reunion, personnePresente ? presents : presents.Skip(1).ToList(), personnePresente,
                personnePresente ? _r.ArrayElement(ph ? TextesDemo.ParolesIme : TextesDemo.ParolesEhpad) : null),
        };
        if (brouillon)
        {
            v.Contenu = GestionProjets.Ecrire(contenu);
            v.ModifieLe = Avant(Instant(date, 15, _r.Int(0, 59)));
            return (v, objectifs);
        }
        var modalite = _r.WeightedRandom([ModaliteAccord.Signe, ModaliteAccord.Oral], [0.75f, 0.25f]);
        var jourValidation = Min(_aujourdhui, date.AddDays(_r.Int(0, 3)));
        var fonction = valideur.Role.Libelle();
        contenu = contenu with
        {
            AccordPersonne = new AccordPersonne(modalite, date, representant, modalite == ModaliteAccord.Oral ? "Accord donné à la fin de la réunion." : null),
            AccordStructure = new AccordStructure(jourValidation, valideur.Id, valideur.Nom, fonction),
        };
        v.Contenu = GestionProjets.Ecrire(contenu);
        v.Statut = StatutVersion.Valide;
        v.DateEffet = date;
        v.ValideLe = Avant(Instant(jourValidation, 17, _r.Int(0, 59)));
        v.ValideParId = valideur.Id;
        v.ValideParNom = valideur.Nom;
        v.ModifieLe = v.ValideLe.Value;
        var accord = modalite == ModaliteAccord.Oral ? "accord oral de la personne" : "accord signé de la personne";
        Noter(x, v.ValideLe.Value, "ProjetPersonnalise",
            $"{type.Libelle()} validé (version {numero}, {accord}{(representant is null ? "" : " et de son représentant légal")}, le {date:dd/MM/yyyy})", valideur);
        return (v, objectifs);
    }

    /// <summary>Who carries an action of this profession for the person: the demo account first when it fits.</summary>
    private Pro? Porteur(Personne x, Role role)
    {
        var possibles = ProsDe(x, role);
        if (possibles.Count == 0) return null;
        var demo = possibles.FirstOrDefault(p => p.Login is "infirmier" or "educateur");
        return demo is not null && _r.Bool(0.6f) ? demo : _r.ArrayElement(possibles.ToArray());
    }

    // ====================================================================== Écrits

    private void Ecrits(Essms essms, List<Personne> personnes)
    {
        var ph = essms.ChampActivite == ChampActivite.PH;
        var transmissions = ph ? TextesDemo.TransmissionsIme : TextesDemo.TransmissionsEhpad;
        var textes = ph ? TextesDemo.TextesIme : TextesDemo.TextesEhpad;
        var equipe = _pros.Where(p => p.EssmsId == essms.Id).ToList();
        var lecteursDemo = equipe.Where(p => p.Login is "infirmier" or "educateur").Select(p => p.Id).Distinct().ToList();
        var ecrits = new List<Ecrit>();
        var groupes = personnes.GroupBy(p => p.UniteId).ToList();
        for (var jour = _aujourdhui.AddDays(-JoursTransmissions); jour <= _aujourdhui; jour = jour.AddDays(1))
        {
            var weekend = jour.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (ph && weekend) continue; // the IME is a day service
            foreach (var groupe in groupes)
            {
                var presents = groupe.Where(p => p.Admission <= jour).ToList();
                if (presents.Count == 0) continue;
                var nombre = ph ? _r.Int(1, 3) : Math.Min(presents.Count, _r.Int(2, 4));
                for (var n = 0; n < nombre; n++)
                {
                    // Heavier care, more to say.
                    var x = _r.WeightedRandom(presents.ToArray(), presents.Select(p => (float)(0.5 + p.Physique + 0.3 * p.Cognition)).ToArray());
                    var (heure, minute, auteurs) = Creneau(x, equipe, ph, weekend);
                    var auteur = auteurs.Count == 0 ? null : _r.ArrayElement(auteurs.ToArray());
                    if (auteur is null) continue;
                    var modeles = transmissions.Where(m => m.Redacteurs.Contains(auteur.Role) && CerclesEcrits.PeutEcrire(auteur.Role, m.Cercle)
                        && (heure is >= 7 and < 21 || m.Cible is "Sommeil" or "Douleur" or "Chute" or "Élimination")).ToArray();
                    if (modeles.Length == 0) continue;
                    var m = _r.ArrayElement(modeles);
                    var (d, a, r) = _r.ArrayElement(m.Variantes);
                    var e = Transmission(x, auteur, Instant(jour, heure, minute), m.Cible, m.Cercle, d, a, r, _r.Double() < m.Importance);
                    if (e is not null) ecrits.Add(e);
                }
            }
            // Now and then, an observation, a report or an incident by the rest of the team.
            foreach (var t in textes)
            {
                if (!_r.Bool(t.Type == TypeEcrit.Incident ? 0.04f : ph ? 0.15f : 0.12f)) continue;
                var auteurs = equipe.Where(p => p.Role == t.Redacteur && p.UniteId is null).ToArray();
                if (auteurs.Length == 0) continue;
                var auteur = _r.ArrayElement(auteurs);
                var la = personnes.Where(p => p.Admission <= jour).ToArray();
                if (la.Length == 0) continue;
                var x = _r.ArrayElement(la);
                var e = Texte(x, auteur, Instant(jour, _r.Int(9, 17), _r.Int(0, 59)), t.Type, t.Cercle, _r.ArrayElement(t.Variantes), t.Important);
                if (e is not null) ecrits.Add(e);
            }
        }
        var recents = Recents(personnes, equipe, ph).ToList();
        _db.Ecrits.AddRange(ecrits.Concat(recents));

        // Read marks of the demo nurse and educator: everything older than two days, half of the day before, of the last
        // 24 hours the ordinary ones of more than 12 hours (whatever the hour the demo starts, "Ma journée" shows read
        // ones for context) and a few of the latest; the important ones of the last day stay unread, on top.
        foreach (var lecteur in lecteursDemo)
            foreach (var e in ecrits.Where(e => e.AuteurId != lecteur))
            {
                var age = _maintenant - e.Horodatage;
                var lu = age > TimeSpan.FromHours(48) || (age > TimeSpan.FromHours(24) ? _r.Bool(0.5f)
                    : !e.Important && (age > TimeSpan.FromHours(12) || _r.Bool(0.15f)));
                if (lu) _db.LecturesEcrits.Add(new LectureEcrit { EcritId = e.Id, ProfessionnelId = lecteur, LuLe = Min(_maintenant, e.Horodatage.AddHours(_r.Int(1, 10))) });
            }
    }

    /// <summary>What "Ma journée" puts on top: important events of the last hours, unread by the demo nurse or educator
    /// (at the EHPAD a fall at dawn, a fever in the evening, a red heel in the morning; at the IME, the last open day, a
    /// seizure and an outburst).</summary>
    private IEnumerable<Ecrit> Recents(List<Personne> personnes, List<Pro> equipe, bool ph)
    {
        var modeles = ph ? TextesDemo.TransmissionsIme : TextesDemo.TransmissionsEhpad;
        (string Cible, Role Role, int Variante, TimeOnly Heure)[] evenements = ph
            ? [("Santé", Role.Infirmier, 0, new(10, 20)), ("Comportement", Role.Educateur, 2, new(14, 30))]
            : [("Chute", Role.Infirmier, 0, new(5, 40)), ("Fièvre", Role.Infirmier, 1, new(7, 5)), ("Peau", Role.AideSoignant, 0, new(10, 30))];
        foreach (var (cible, role, variante, heure) in evenements)
        {
            var m = modeles.First(x => x.Cible == cible);
            var auteur = equipe.Where(p => p.Role == role && p.Login is not ("infirmier" or "educateur")).OrderBy(p => p.Login, StringComparer.Ordinal).FirstOrDefault();
            var x = personnes.Where(p => p.Admission < _aujourdhui.AddDays(-3) && (auteur?.UniteId is null || p.UniteId == auteur.UniteId))
                .OrderByDescending(p => p.Physique).ThenBy(p => p.Rang).Skip(cible == "Fièvre" ? 1 : 0).FirstOrDefault();
            if (auteur is null || x is null) continue;
            var (d, a, r) = m.Variantes[variante];
            if (Transmission(x, auteur, DernierAvant(heure, ph), m.Cible, m.Cercle, d, a, r, true) is { } e) yield return e;
        }
    }

    private DateTimeOffset DernierAvant(TimeOnly heure, bool joursOuvres) => DernierAvant(_maintenant, _fuseau, heure, joursOuvres);

    /// <summary>The latest instant at this local hour, at least half an hour ago, on an open day of the week for a day service,
    /// and still among the unread ones "Ma journée" shows (<see cref="TransmissionsAlire.FenetreNonLues"/>, an hour to spare):
    /// on a Monday afternoon the Friday's would be past it, then it is half an hour ago.</summary>
    internal static DateTimeOffset DernierAvant(DateTimeOffset maintenant, TimeZoneInfo fuseau, TimeOnly heure, bool joursOuvres)
    {
        var limite = maintenant.AddMinutes(-30);
        limite = limite.AddTicks(-(limite.Ticks % TimeSpan.TicksPerMinute));
        for (var jour = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(limite, fuseau).DateTime); ; jour = jour.AddDays(-1))
        {
            if (joursOuvres && jour.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var t = Instant(fuseau, jour, heure.Hour, heure.Minute);
            if (t > limite) continue;
            return maintenant - t <= TransmissionsAlire.FenetreNonLues - TimeSpan.FromHours(1) ? t : limite.ToUniversalTime();
        }
    }

    /// <summary>When an écrit of this day is written and who may write it then: the day team of the person's unit, the night nurse.</summary>
    private (int Heure, int Minute, List<Pro> Auteurs) Creneau(Personne x, List<Pro> equipe, bool ph, bool weekend)
    {
        bool DeSonUnite(Pro p) => p.UniteId is null || p.UniteId == x.UniteId;
        if (ph)
        {
            var h = _r.Int(9, 16);
            var soins = _r.Bool(0.2f);
            var auteurs = equipe.Where(p => DeSonUnite(p) && p.Role == (soins ? Role.Infirmier : Role.Educateur)).ToList();
            return (h, _r.Int(0, 59), auteurs);
        }
        var nuit = _r.Bool(0.25f);
        if (nuit)
        {
            var heure = _r.ArrayElement(new[] { 0, 1, 4, 5, 22, 23 });
            return (heure, _r.Int(0, 59), equipe.Where(p => p.Login == "infirmier.nuit").ToList());
        }
        var jourHeure = _r.Int(7, 20);
        // The demo nurse works weekdays; the unit's aide-soignant every day.
        var jour = equipe.Where(p => DeSonUnite(p) && (p.Role == Role.AideSoignant || (p.Role == Role.Infirmier && p.Login != "infirmier.nuit" && !weekend))).ToList();
        return (jourHeure, _r.Int(0, 59), jour);
    }

    private Ecrit? Transmission(Personne x, Pro auteur, DateTimeOffset quand, string cible, CercleEcrit cercle, string d, string? a, string? r, bool important)
    {
        if (quand > _maintenant.AddMinutes(-5) || !CerclesEcrits.PeutEcrire(auteur.Role, cercle)) return null;
        string? T(string? s) => s is null ? null : TextesDemo.Accorder(s, x.Sexe, x.Prenom, x.Nom);
        return new Ecrit
        {
            UsagerId = x.UsagerId, EssmsId = x.EssmsId, Type = TypeEcrit.TransmissionCiblee, Cercle = cercle, Cible = cible, Donnees = T(d), Actions = T(a), Resultats = T(r),
            Important = important, Horodatage = quand, AuteurId = auteur.Id, AuteurNom = auteur.Nom, RoleAuteur = auteur.Role, CleIdempotence = $"demo-{Guid.NewGuid():N}",
        };
    }

    private Ecrit? Texte(Personne x, Pro auteur, DateTimeOffset quand, TypeEcrit type, CercleEcrit cercle, string texte, bool important)
    {
        if (quand > _maintenant.AddMinutes(-5) || !CerclesEcrits.PeutEcrire(auteur.Role, cercle)) return null;
        return new Ecrit
        {
            UsagerId = x.UsagerId, EssmsId = x.EssmsId, Type = type, Cercle = cercle, Texte = TextesDemo.Accorder(texte, x.Sexe, x.Prenom, x.Nom), Important = important,
            Horodatage = quand, AuteurId = auteur.Id, AuteurNom = auteur.Nom, RoleAuteur = auteur.Role, CleIdempotence = $"demo-{Guid.NewGuid():N}",
        };
    }

    // ====================================================================== Helpers

    /// <summary>The professionals holding one of these roles for the person (their ESSMS as a whole, or their unit), in a stable order.</summary>
    private List<Pro> ProsDe(Personne x, params Role[] roles) =>
        _pros.Where(p => p.EssmsId == x.EssmsId && (p.UniteId is null || p.UniteId == x.UniteId) && roles.Contains(p.Role))
            .GroupBy(p => p.Id).Select(g => g.First()).OrderBy(p => p.Login, StringComparer.Ordinal).ToList();

    /// <summary>A local time of the establishments' zone as the UTC instant the database keeps (PostgreSQL takes UTC only);
    /// the hour of a spring change-over that does not exist is moved an hour on.</summary>
    private DateTimeOffset Instant(DateOnly jour, int heure, int minute) => Instant(_fuseau, jour, heure, minute);

    private static DateTimeOffset Instant(TimeZoneInfo fuseau, DateOnly jour, int heure, int minute)
    {
        var local = jour.ToDateTime(new TimeOnly(heure, minute));
        if (fuseau.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, fuseau), TimeSpan.Zero);
    }

    /// <summary>Never in the future.</summary>
    private DateTimeOffset Avant(DateTimeOffset t) => t <= _maintenant ? t : _maintenant.AddMinutes(-_r.Int(5, 60));

    private void Noter(Personne x, DateTimeOffset quand, string type, string libelle, Pro auteur) =>
        _db.Chronologie.Add(new EvenementDossier
        {
            UsagerId = x.UsagerId, Horodatage = quand, Type = type, Categorie = CategoriesChronologie.De(type), Libelle = libelle, EssmsId = x.EssmsId,
            AuteurId = auteur.Id, AuteurNom = auteur.Nom,
        });

    private double Gauss(double ecart)
    {
        // Box-Muller on the seeded generator.
        var u1 = 1.0 - _r.Double();
        var u2 = _r.Double();
        return ecart * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>"JEAN-PIERRE" → "Jean-Pierre": birth first names are kept in capitals, texts say them as people do.</summary>
    private static string Capitaliser(string prenom) => System.Globalization.CultureInfo.GetCultureInfo("fr-FR").TextInfo.ToTitleCase(prenom.ToLowerInvariant());
}
