using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenDui.Hote;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.Atlas;

/// <summary>One row of an import of funded projects: one ESSMS of one project, the project's columns repeated on each of
/// its rows (the format of <c>docs/import-projets-finances.md</c>). <see cref="Ligne"/> is the line of the CSV file
/// (or the row's rank, from 1, in the API's array) that messages name.</summary>
public sealed record LigneProjetImporte(
    string? Reference, string? Annee, string? Appel, string? Ars, string? FinessEj, string? RaisonSociale, string? StatutJuridique,
    string? FinessEt, string? Categorie, string? Region, string? Type, string? MontantDemande, string? MontantAccorde, string? Statut)
{
    public int Ligne { get; init; }
}

/// <summary>The API's body: the same rows as the CSV file, as JSON.</summary>
public sealed record DemandeImportProjets(IReadOnlyList<LigneProjetImporte>? Lignes);

/// <summary>What an import did. Re-importing the same rows gives <see cref="Inchanges"/> = <see cref="Projets"/> and changes nothing.</summary>
public sealed record BilanImport(int Lignes, int Projets, int Crees, int MisAJour, int Inchanges, int PorteursCrees, IReadOnlyList<int> AnneesCreees);

/// <summary>
/// Imports the funded projects of past campaigns (2021 onwards), so the atlas covers the whole programme and not only what
/// this console instructed. All or nothing: every row is checked first (line-numbered French messages) and the whole file is
/// written by one SaveChanges, i.e. one transaction. Natural keys make it idempotent: a project is its reference, a porteur
/// its FINESS EJ, a campaign its year, an ESSMS of a project its FINESS ET; rows identical to what is stored change nothing.
/// </summary>
public sealed class ImportProjets(ProgrammeDbContext db, TimeProvider horloge)
{
    public const int MaxLignes = 100_000;
    public const long TailleMaxFichier = 20_000_000;
    public const int PremiereAnnee = 2021;

    /// <summary>Columns of the CSV file, in the documented order (the header may give them in any order).</summary>
    public static readonly IReadOnlyList<string> Colonnes =
        ["reference", "annee", "appel", "ars", "finess_ej", "raison_sociale", "statut_juridique", "finess_et", "categorie", "region", "type",
         "montant_demande", "montant_accorde", "statut"];

    private static readonly Dictionary<string, StatutCandidature> Statuts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["retenue"] = StatutCandidature.Retenue, ["conventionnee"] = StatutCandidature.Conventionnee, ["en_deploiement"] = StatutCandidature.EnDeploiement,
        ["en_usage"] = StatutCandidature.EnUsage, ["soldee"] = StatutCandidature.Soldee,
    };

    private static readonly Dictionary<string, TypeProjet> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["acquisition"] = TypeProjet.Acquisition, ["montee_de_version"] = TypeProjet.MonteeDeVersion, ["mixte"] = TypeProjet.Mixte,
    };

    /// <summary>Reads the CSV text (";" separated, first line the header, UTF-8) into rows numbered by their file line.
    /// Throws a <see cref="RegleException"/> when the file itself cannot be read (no header, unknown or missing columns).</summary>
    public static IReadOnlyList<LigneProjetImporte> LireCsv(string texte)
    {
        var lignes = LignesCsv(texte.TrimStart('\uFEFF')).ToList();
        var entete = lignes.FirstOrDefault(l => l.Champs.Any(c => c.Length > 0));
        if (entete.Champs is null)
            throw new RegleException("Le fichier est vide : la première ligne doit nommer les colonnes (" + string.Join(";", Colonnes) + ").", champ: "fichier");
        var noms = entete.Champs.Select(c => Cle(c)).ToList();
        var inconnues = noms.Where(n => n.Length > 0 && !Colonnes.Contains(n)).ToList();
        var manquantes = Colonnes.Where(c => !noms.Contains(c)).ToList();
        if (inconnues.Count > 0 || manquantes.Count > 0)
            throw new RegleException($"Ligne {entete.Numero} : l'en-tête doit nommer les colonnes {string.Join(";", Colonnes)}"
                + (manquantes.Count > 0 ? $" ; il manque : {string.Join(", ", manquantes)}" : "")
                + (inconnues.Count > 0 ? $" ; colonnes inconnues : {string.Join(", ", inconnues)}" : "") + ".", champ: "fichier");
        var index = Colonnes.ToDictionary(c => c, c => noms.IndexOf(c));
        var rangees = new List<LigneProjetImporte>();
        foreach (var (numero, champs) in lignes.Where(l => l.Numero > entete.Numero && l.Champs.Any(c => c.Trim().Length > 0)))
        {
            string? V(string colonne) => index[colonne] < champs.Count && champs[index[colonne]].Trim() is { Length: > 0 } v ? v : null;
            rangees.Add(new LigneProjetImporte(V("reference"), V("annee"), V("appel"), V("ars"), V("finess_ej"), V("raison_sociale"), V("statut_juridique"),
                V("finess_et"), V("categorie"), V("region"), V("type"), V("montant_demande"), V("montant_accorde"), V("statut")) { Ligne = numero });
            if (rangees.Count > MaxLignes)
                throw new RegleException($"Le fichier dépasse {MaxLignes:N0} lignes : découpez-le par campagne.", champ: "fichier");
        }
        return rangees;
    }

    /// <summary>Checks every row, then writes them all in one transaction, or nothing. <paramref name="progression"/> receives
    /// the number of rows checked so far (the page's progress bar).</summary>
    public async Task<Resultat<BilanImport>> ImporterAsync(IReadOnlyList<LigneProjetImporte> lignes, IProgress<int>? progression = null, CancellationToken ct = default)
    {
        if (lignes.Count == 0) return Resultat<BilanImport>.Invalide("lignes", "Aucune ligne à importer : une ligne par ESSMS de chaque projet financé.");
        if (lignes.Count > MaxLignes) return Resultat<BilanImport>.Invalide("lignes", $"Un import ne peut pas dépasser {MaxLignes:N0} lignes : découpez-le par campagne.");
        var r = Referentiels.Courant;
        var erreurs = new List<string>();
        var projets = new Dictionary<string, ProjetLu>(StringComparer.Ordinal);
        var essmsParAnnee = new Dictionary<(int, string), (string Reference, int Ligne)>();
        var anneeMax = ParametresCampagne.DateDeParis(horloge.GetUtcNow()).Year;
        for (var i = 0; i < lignes.Count; i++)
        {
            var l = lignes[i];
            var n = l.Ligne > 0 ? l.Ligne : i + 1;
            var avant = erreurs.Count;
            void E(string message) => erreurs.Add($"Ligne {n} : {message}");

            var reference = l.Reference?.Trim().ToUpperInvariant();
            if (reference is null) E("la référence du projet est obligatoire.");
            else if (reference.Length > 20) E($"la référence « {reference} » dépasse 20 caractères.");
            int annee = 0;
            if (!int.TryParse(l.Annee, NumberStyles.None, CultureInfo.InvariantCulture, out annee) || annee < PremiereAnnee || annee > anneeMax)
                E($"l'année de campagne « {l.Annee} » doit être une année de {PremiereAnnee} à {anneeMax}.");
            TypeAppel? appel = Cle(l.Appel) switch { "regional" => TypeAppel.Regional, "national" => TypeAppel.National, _ => null };
            if (appel is null) E($"l'appel « {l.Appel} » doit être « regional » ou « national ».");
            var ars = l.Ars?.Trim();
            if (ars is null || !r.Regions.ContainsKey(ars)) E($"l'ARS « {l.Ars} » doit être le code INSEE d'une région (par exemple 84 pour Auvergne-Rhône-Alpes).");
            string? ej = null;
            if (!Finess.TryParse(l.FinessEj, out var fej, out var erreurEj)) E($"FINESS EJ « {l.FinessEj} » : {Minuscule(erreurEj)}");
            else ej = fej.Valeur;
            var raison = l.RaisonSociale?.Trim();
            if (raison is null) E("la raison sociale du porteur est obligatoire.");
            else if (raison.Length > 200) E("la raison sociale du porteur dépasse 200 caractères.");
            var statutJuridique = l.StatutJuridique?.Trim();
            if (statutJuridique is null || !r.Statuts.ContainsKey(statutJuridique))
                E($"le statut juridique « {l.StatutJuridique} » n'est pas un code de statut juridique FINESS (par exemple 60 pour une association loi 1901 non RUP).");
            string? et = null;
            if (!Finess.TryParse(l.FinessEt, out var fet, out var erreurEt)) E($"FINESS ET « {l.FinessEt} » : {Minuscule(erreurEt)}");
            else et = fet.Valeur;
            var categorie = l.Categorie?.Trim();
            ChampActivite? champ = null;
            if (categorie is null || !r.Categories.TryGetValue(categorie, out var cat)) E($"la catégorie FINESS « {l.Categorie} » est inconnue.");
            else if (cat.ChampActivite is null) E($"la catégorie FINESS {categorie} ({cat.LibelleCourt}) est hors du champ social et médico-social du programme.");
            else champ = cat.ChampActivite;
            var region = l.Region?.Trim();
            if (region is null || !r.Regions.ContainsKey(region)) E($"la région de l'ESSMS « {l.Region} » doit être le code INSEE d'une région.");
            else if (et is not null && r.RegionDuDepartement(fet.Departement) is { } attendue && attendue.Code != region)
                E($"le FINESS ET {et} est dans la région {attendue.Nom} ({attendue.Code}), pas dans la région {region}.");
            TypeProjet? type = Types.TryGetValue(Cle(l.Type), out var t) ? t : null;
            if (type is null) E($"le type « {l.Type} » doit être « acquisition », « montee_de_version » ou « mixte ».");
            var accorde = Montant(l.MontantAccorde);
            if (accorde is not > 0) E($"le montant accordé « {l.MontantAccorde} » doit être un montant positif en euros (par exemple 125000 ou 125 000,50).");
            var demande = l.MontantDemande is null ? accorde : Montant(l.MontantDemande);
            if (l.MontantDemande is not null && demande is null or < 0) E($"le montant demandé « {l.MontantDemande} » doit être un montant en euros, ou rester vide.");
            StatutCandidature? statut = Statuts.TryGetValue(Cle(l.Statut), out var s) ? s : null;
            if (statut is null) E($"le statut « {l.Statut} » doit être celui d'un projet financé : {string.Join(", ", Statuts.Keys)}.");
            if (erreurs.Count > avant) { progression?.Report(i + 1); continue; }

            var projet = new ProjetLu(reference!, annee, appel!.Value, ars!, ej!, raison!, statutJuridique!, type!.Value, demande!.Value, accorde!.Value, statut!.Value, n);
            if (projets.TryGetValue(reference!, out var deja))
            {
                if (deja.Difference(projet) is { } champDifferent)
                    E($"le projet {reference} a déjà une autre valeur de « {champDifferent} » à la ligne {deja.Ligne} : les colonnes du projet sont les mêmes sur chacune de ses lignes.");
                else if (deja.Essms.FirstOrDefault(x => x.FinessEt == et) is { } double_)
                    E($"l'ESSMS {et} figure déjà à la ligne {double_.Ligne} pour le projet {reference}.");
                projet = deja;
            }
            else projets[reference!] = projet;
            if (erreurs.Count > avant) { progression?.Report(i + 1); continue; }
            if (essmsParAnnee.TryGetValue((annee, et!), out var ailleurs) && ailleurs.Reference != reference)
                E($"l'ESSMS {et} est déjà financé en {annee} par le projet {ailleurs.Reference} (ligne {ailleurs.Ligne}) : un ESSMS n'est financé qu'une fois par campagne.");
            else
            {
                essmsParAnnee[(annee, et!)] = (reference!, n);
                projet.Essms.Add(new EssmsLu(et!, categorie!, region!, champ, fet.Departement, n));
            }
            progression?.Report(i + 1);
        }
        foreach (var p in projets.Values.Where(p => p.Appel == TypeAppel.Regional && p.Essms.Count > 0 && p.Essms.All(e => e.Region != p.Ars)))
            erreurs.Add($"Ligne {p.Ligne} : le projet régional {p.Reference} est instruit par l'ARS {p.Ars}, qui n'a aucun de ses ESSMS ; un projet régional relève de l'ARS d'une région de ses ESSMS.");
        if (erreurs.Count > 0) return Refus(erreurs);

        // What the database already holds, by natural key.
        var references = projets.Keys.ToList();
        var existantes = await db.Candidatures.Include(c => c.Essms).Include(c => c.Porteur)
            .Where(c => references.Contains(c.Reference)).ToDictionaryAsync(c => c.Reference, ct);
        foreach (var (reference, c) in existantes.Where(x => !x.Value.Importee))
            erreurs.Add($"Ligne {projets[reference].Ligne} : la référence {reference} est celle d'une candidature instruite dans la console : un import ne la remplace pas.");
        var annees = projets.Values.Select(p => p.Annee).Distinct().ToList();
        var finess = projets.Values.SelectMany(p => p.Essms.Select(e => e.FinessEt)).Distinct().ToList();
        var prises = (await db.ReservationsEssms.AsNoTracking().Where(x => annees.Contains(x.Annee) && finess.Contains(x.FinessEt))
                .Join(db.Candidatures, x => x.CandidatureId, c => c.Id, (x, c) => new { x.Annee, x.FinessEt, c.Reference }).ToListAsync(ct))
            .Where(x => !projets.ContainsKey(x.Reference)).ToLookup(x => (x.Annee, x.FinessEt));
        foreach (var p in projets.Values)
            foreach (var e in p.Essms)
                if (prises[(p.Annee, e.FinessEt)].FirstOrDefault() is { } autre)
                    erreurs.Add($"Ligne {e.Ligne} : l'ESSMS {e.FinessEt} est déjà retenu en {p.Annee} dans le projet {autre.Reference} : un ESSMS n'est financé qu'une fois par campagne.");
        if (erreurs.Count > 0) return Refus(erreurs);

        var campagnes = await db.Campagnes.Where(c => annees.Contains(c.Annee)).Select(c => c.Annee).ToListAsync(ct);
        var anneesCreees = annees.Except(campagnes).Order().ToList();
        foreach (var a in anneesCreees)
            // A past year known only by its funded projects: its rules are not filled in; the placeholders are flagged as such.
            db.Campagnes.Add(new Campagne { Annee = a, Parametres = ParametresCampagne.Defaut2025 with { Annee = a }, Ouverte = false, ReglesNonRenseignees = true });
        var ejs = projets.Values.Select(p => p.FinessEj).Distinct().ToList();
        var porteurs = await db.Porteurs.Where(p => ejs.Contains(p.FinessEj)).ToDictionaryAsync(p => p.FinessEj, ct);
        var porteursCrees = 0;
        int crees = 0, misAJour = 0, inchanges = 0;
        foreach (var p in projets.Values)
        {
            if (!porteurs.TryGetValue(p.FinessEj, out var porteur))
            {
                porteur = new Porteur
                {
                    FinessEj = p.FinessEj, RaisonSociale = p.RaisonSociale, StatutJuridiqueCode = p.StatutJuridique,
                    RegionCode = r.RegionDuDepartement(Finess.Parse(p.FinessEj).Departement)?.Code ?? p.Ars,
                };
                db.Porteurs.Add(porteur);
                porteurs[p.FinessEj] = porteur;
                porteursCrees++;
            }
            if (existantes.TryGetValue(p.Reference, out var c))
            {
                if (p.Identique(c, porteur)) { inchanges++; continue; }
                misAJour++;
                db.EssmsCandidatures.RemoveRange(c.Essms.Where(e => p.Essms.All(x => x.FinessEt != e.FinessEt)));
            }
            else
            {
                c = new Candidature { Reference = p.Reference, Intitule = $"Projet {p.Reference} (importé)", Importee = true, CreeeLe = horloge.GetUtcNow() };
                db.Candidatures.Add(c);
                crees++;
            }
            p.Appliquer(c, porteur, db);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ReservationEssms.EstPrise(e))
        {
            return Resultat<BilanImport>.Conflit("lignes", "Un des ESSMS du fichier vient d'être retenu dans une autre candidature de la même campagne : rien n'a été importé, recommencez.");
        }
        return Resultat<BilanImport>.Ok(new BilanImport(lignes.Count, projets.Count, crees, misAJour, inchanges, porteursCrees, anneesCreees));
    }

    private static Resultat<BilanImport> Refus(List<string> erreurs)
    {
        var e = Erreurs.Une("lignes", $"{(erreurs.Count == 1 ? "Une ligne est à corriger" : $"{erreurs.Count} erreurs sont à corriger")} : rien n'a été importé.");
        foreach (var m in erreurs.Take(500)) e.Ajouter("lignes", m);
        if (erreurs.Count > 500) e.Ajouter("lignes", $"… et {erreurs.Count - 500} autres erreurs.");
        return Resultat<BilanImport>.Invalide(e);
    }

    private sealed record EssmsLu(string FinessEt, string Categorie, string Region, ChampActivite? Champ, string Departement, int Ligne);

    private sealed record ProjetLu(string Reference, int Annee, TypeAppel Appel, string Ars, string FinessEj, string RaisonSociale, string StatutJuridique,
        TypeProjet Type, decimal MontantDemande, decimal MontantAccorde, StatutCandidature Statut, int Ligne)
    {
        public List<EssmsLu> Essms { get; } = [];

        /// <summary>The first project column whose value differs from another row of the same project, or null.</summary>
        public string? Difference(ProjetLu o) =>
            Annee != o.Annee ? "annee" : Appel != o.Appel ? "appel" : Ars != o.Ars ? "ars" : FinessEj != o.FinessEj ? "finess_ej"
            : RaisonSociale != o.RaisonSociale ? "raison_sociale" : StatutJuridique != o.StatutJuridique ? "statut_juridique" : Type != o.Type ? "type"
            : MontantAccorde != o.MontantAccorde ? "montant_accorde" : MontantDemande != o.MontantDemande ? "montant_demande" : Statut != o.Statut ? "statut" : null;

        /// <summary>Is the stored project already exactly this one? (then re-importing it changes nothing)</summary>
        public bool Identique(Candidature c, Porteur porteur) =>
            c.Annee == Annee && c.Appel == Appel && c.PorteurId == porteur.Id && c.Type == Type && c.MontantDemande == MontantDemande
            && c.MontantAccorde == MontantAccorde && c.Statut == Statut
            && (Appel == TypeAppel.National ? c.RegionSuivi == Ars && c.RegionInstructrice is null : c.RegionInstructrice == Ars && c.RegionSuivi is null)
            && c.Essms.Count == Essms.Count
            && Essms.All(e => c.Essms.Any(x => x.FinessEt == e.FinessEt && x.CategorieCode == e.Categorie && x.RegionCode == e.Region && x.Retenu
                                               && x.StatutJuridiqueCode == StatutJuridique && x.FinessEj == FinessEj && x.TailleOrganisme == Taille));

        /// <summary>Organisation size as the atlas reads it: the ESSMS of the porteur's EJ in the grappe (the register's count is not imported).</summary>
        private TailleOrganisme Taille => Essms.Count < 15 ? TailleOrganisme.Petit : Essms.Count < 50 ? TailleOrganisme.Moyen : TailleOrganisme.Grand;

        public void Appliquer(Candidature c, Porteur porteur, ProgrammeDbContext db)
        {
            c.Annee = Annee;
            c.Appel = Appel;
            c.Porteur = porteur;
            c.PorteurId = porteur.Id;
            c.Type = Type;
            c.MontantDemande = MontantDemande;
            c.MontantAccorde = MontantAccorde;
            c.Statut = Statut;
            c.Recevable = true;
            c.Complete = true;
            // A regional project is instructed and followed by its ARS; a national one is instructed by the CNSA and followed by one ARS.
            c.RegionInstructrice = Appel == TypeAppel.Regional ? Ars : null;
            c.RegionSuivi = Appel == TypeAppel.National ? Ars : null;
            foreach (var e in Essms)
            {
                var x = c.Essms.FirstOrDefault(y => y.FinessEt == e.FinessEt);
                if (x is null)
                {
                    x = new EssmsCandidature { CandidatureId = c.Id, FinessEt = e.FinessEt, Nom = "", CategorieCode = e.Categorie };
                    c.Essms.Add(x);
                    if (db.Entry(c).State != EntityState.Added) db.EssmsCandidatures.Add(x);
                }
                x.CategorieCode = e.Categorie;
                x.FinessEj = FinessEj;
                x.StatutJuridiqueCode = StatutJuridique;
                x.RegionCode = e.Region;
                x.DepartementCode = e.Departement;
                x.Champ = e.Champ;
                x.Retenu = true;
                x.Motif = null;
                x.TailleOrganisme = Taille;
                x.Acquisition = Type switch { TypeProjet.Acquisition => true, TypeProjet.MonteeDeVersion => false, _ => null };
            }
        }
    }

    /// <summary>A column name or a value as a key: lower case, without accents, spaces and dashes as "_".</summary>
    private static string Cle(string? texte)
    {
        var d = (texte ?? "").Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var ch in d)
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch is ' ' or '-' or '\'' ? '_' : ch);
        return sb.ToString();
    }

    /// <summary>An amount in euros as a spreadsheet writes it: "125000", "125 000,50", "125000.50".</summary>
    private static decimal? Montant(string? texte)
    {
        var t = (texte ?? "").Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Replace("€", "").Replace(',', '.');
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m) ? m : null;
    }

    private static string Minuscule(string? phrase) => string.IsNullOrEmpty(phrase) ? "" : char.ToLowerInvariant(phrase[0]) + phrase[1..];

    /// <summary>The lines of a ";" CSV with their file line numbers; a field in double quotes may hold ";", quotes ("") and line breaks.</summary>
    private static IEnumerable<(int Numero, List<string> Champs)> LignesCsv(string texte)
    {
        var champs = new List<string>();
        var champ = new StringBuilder();
        var guillemets = false;
        var ligne = 1;
        var debut = 1;
        for (var i = 0; i < texte.Length; i++)
        {
            var ch = texte[i];
            if (guillemets)
            {
                if (ch == '"' && i + 1 < texte.Length && texte[i + 1] == '"') { champ.Append('"'); i++; }
                else if (ch == '"') guillemets = false;
                else { if (ch == '\n') ligne++; champ.Append(ch); }
                continue;
            }
            switch (ch)
            {
                case '"' when champ.Length == 0: guillemets = true; break;
                case ';': champs.Add(champ.ToString()); champ.Clear(); break;
                case '\r': break;
                case '\n':
                    champs.Add(champ.ToString()); champ.Clear();
                    yield return (debut, champs);
                    champs = [];
                    debut = ++ligne;
                    break;
                default: champ.Append(ch); break;
            }
        }
        if (champ.Length > 0 || champs.Count > 0)
        {
            champs.Add(champ.ToString());
            yield return (debut, champs);
        }
    }
}
