using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Hote;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Soins;

/// <summary>Who reads and writes care data (secret médical shared within the care team, CSP L1110-4): the nursing team of the person's
/// ESSMS or unit. Educators, the secretariat and the direction do not see it.</summary>
public static class RolesSoins
{
    /// <summary>Read the care record, record measurements, falls and the acts of the plan de soins.</summary>
    public static readonly Role[] Equipe = [Role.Infirmier, Role.Medecin, Role.AideSoignant];
    /// <summary>Record allergies, history, diet and textures, risk scores, and set the plan de soins (nurses and doctors).</summary>
    public static readonly Role[] Infirmiers = [Role.Infirmier, Role.Medecin];
}

public sealed record NouvelleAllergie(string? Libelle, string? CodeSubstance, TypeAllergie? Type, string? Reaction, SeveriteAllergie? Severite, SourceAllergie? Source);
public sealed record ChangementStatutAllergie(StatutAllergie? Statut);
public sealed record NouveauProbleme(string? Libelle, NatureProbleme? Nature, DateOnly? Debut, DateOnly? Fin, string? Commentaire);
public sealed record Alimentation(int? IddsiBoissons, int? IddsiAliments, string? Regime, EchelleDouleur? EchelleDouleur);
public sealed record NouvelleMesure(TypeMesure? Type, decimal? Valeur, decimal? Valeur2, EchelleDouleur? Echelle, DateTimeOffset? PriseLe, string? Commentaire);
public sealed record NouvelleChute(DateTimeOffset? SurvenueLe, string? Lieu, string? Circonstances, bool Blessure, string? DescriptionBlessure, string? Temoin, string? Mesures);
public sealed record NouveauScore(EchelleRisque? Echelle, int? Score, DateOnly? Date);

public sealed record AllergieVue(Guid Id, string Libelle, string? CodeSubstance, TypeAllergie Type, string? Reaction, SeveriteAllergie Severite,
    SourceAllergie Source, StatutAllergie Statut, DateTimeOffset RecueillieLe, string RecueilliePar);
public sealed record ProblemeVue(Guid Id, string Libelle, NatureProbleme Nature, DateOnly? Debut, DateOnly? Fin, string? Commentaire, string RecueilliPar);
public sealed record MesureVue(Guid Id, TypeMesure Type, decimal Valeur, decimal? Valeur2, EchelleDouleur? Echelle, DateTimeOffset PriseLe,
    string Affichage, string AuteurNom, string? Commentaire);
public sealed record SerieMesures(TypeMesure Type, string Libelle, string Unite, IReadOnlyList<MesureVue> Points);
public sealed record ChuteVue(Guid Id, DateTimeOffset SurvenueLe, string Lieu, string? Circonstances, bool Blessure, string? DescriptionBlessure,
    string? Temoin, string? Mesures, string AuteurNom);
/// <param name="Origine">"évaluation" (the grid of the Évaluations module) or "saisi dans le dossier de soins".</param>
public sealed record RisqueVue(EchelleRisque Echelle, string Libelle, int? Score, DateOnly? Date, string? Origine, string? Interpretation);

/// <summary>The care record of one person as the care team reads it.</summary>
public sealed record DossierSoins(Guid UsagerId, string Personne, int Age, EtatAllergique EtatAllergique, string? AucuneAllergieConnue,
    IReadOnlyList<AllergieVue> Allergies, IReadOnlyList<ProblemeVue> Problemes, int? IddsiBoissons, int? IddsiAliments, string? Regime,
    EchelleDouleur EchelleDouleur, decimal? Imc, IReadOnlyList<MesureVue> Dernieres, IReadOnlyList<SerieMesures> Series,
    IReadOnlyList<ChuteVue> Chutes, IReadOnlyList<RisqueVue> Risques, IReadOnlyList<AlerteSoins> Alertes, bool PeutEcrire, bool PeutPrescrireSoins);

/// <summary>
/// The care record: allergies, history, diet and textures, measurements and their alerts, falls and risks. Read and written by the
/// nursing team of the person's ESSMS or unit; every read through a page or the API is traced, every change is in the change trail.
/// </summary>
public sealed class GestionSoins(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, GestionEvaluations evaluations, TimeProvider horloge)
{
    public static string Lien(Guid usagerId) => $"/Soins/Dossier/{usagerId}";

    /// <summary>How far back the record reads measurements (charts, alerts): thirteen months cover every rule.</summary>
    public const int MoisHistorique = 13;

    public Task<bool> PeutLireAsync(Guid usagerId, CancellationToken ct) => perimetre.PeutAgirAsync(usagerId, RolesSoins.Equipe, ct);

    public async Task<Resultat<DossierSoins>> LireAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await PeutLireAsync(usagerId, ct)) return Resultat<DossierSoins>.Introuvable();
        var d = await DossierAsync(usagerId, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<DossierSoins>.Ok(d);
    }

    /// <summary>The record without a trace (the record page's panel: the page traced its opening). Call only after the perimeter check.</summary>
    internal async Task<DossierSoins> DossierAsync(Guid usagerId, CancellationToken ct)
    {
        var u = await db.Usagers.AsNoTracking().Where(x => x.Id == usagerId)
            .Select(x => new { Nom = (x.PrenomUtilise ?? x.PremierPrenom) + " " + (x.NomUtilise ?? x.NomNaissance), x.DateNaissance }).SingleAsync(ct);
        var aujourdhui = db.Aujourdhui;
        var allergies = (await db.Allergies.AsNoTracking().Where(a => a.UsagerId == usagerId).ToListAsync(ct))
            .OrderBy(a => a.Statut).ThenByDescending(a => a.RecueillieLe)
            .Select(a => new AllergieVue(a.Id, a.Libelle, a.CodeSubstance, a.Type, a.Reaction, a.Severite, a.Source, a.Statut, a.RecueillieLe, a.RecueillieParNom)).ToList();
        var profil = await ProfilAsync(usagerId, ct);
        var etat = allergies.Any(a => a.Statut == StatutAllergie.Active) ? EtatAllergique.Connues
            : profil?.AucuneAllergieConnueLe is not null ? EtatAllergique.AucuneConnue : EtatAllergique.NonRenseigne;
        var problemes = (await db.ProblemesSante.AsNoTracking().Where(p => p.UsagerId == usagerId).ToListAsync(ct))
            .OrderBy(p => p.Nature == NatureProbleme.Antecedent).ThenByDescending(p => p.Debut)
            .Select(p => new ProblemeVue(p.Id, p.Libelle, p.Nature, p.Debut, p.Fin, p.Commentaire, p.RecueilliParNom)).ToList();
        var depuis = db.Maintenant.AddMonths(-MoisHistorique);
        var vues = (await db.Mesures.AsNoTracking().Where(m => m.UsagerId == usagerId && m.PriseLe >= depuis).ToListAsync(ct))
            .Select(m => new MesureVue(m.Id, m.Type, m.Valeur, m.Valeur2, m.Echelle, m.PriseLe.Locale(horloge),
                DefinitionsMesures.Afficher(m.Type, m.Valeur, m.Valeur2, m.Echelle), m.AuteurNom, m.Commentaire)).ToList();
        var mesures = vues.Select(m => new MesureLue(m.Type, m.Valeur, m.Valeur2, m.Echelle, m.PriseLe)).ToList();
        var dernieres = vues.GroupBy(m => m.Type).Select(g => g.OrderByDescending(m => m.PriseLe).First()).OrderBy(m => m.Type).ToList();
        var series = vues.GroupBy(m => m.Type).OrderBy(g => g.Key)
            .Select(g => new SerieMesures(g.Key, DefinitionsMesures.Toutes[g.Key].Libelle, DefinitionsMesures.Toutes[g.Key].Unite, g.OrderBy(m => m.PriseLe).ToList())).ToList();
        var imc = DefinitionsMesures.Imc(dernieres.FirstOrDefault(m => m.Type == TypeMesure.Poids)?.Valeur, dernieres.FirstOrDefault(m => m.Type == TypeMesure.Taille)?.Valeur);
        var chutes = (await db.Chutes.AsNoTracking().Where(c => c.UsagerId == usagerId).ToListAsync(ct)).OrderByDescending(c => c.SurvenueLe)
            .Select(c => new ChuteVue(c.Id, c.SurvenueLe.Locale(horloge), c.Lieu, c.Circonstances, c.Blessure, c.DescriptionBlessure, c.Temoin, c.Mesures, c.AuteurNom)).ToList();
        var scores = await ScoresAsync(usagerId, ct);
        var risques = Enum.GetValues<EchelleRisque>().Select(e =>
        {
            var s = scores.Where(x => x.Echelle == e).OrderByDescending(x => x.Date).FirstOrDefault();
            return new RisqueVue(e, e.Libelle(), s?.Score, s?.Date, s?.Origine, s is null ? null : Interpretation(e, s.Score));
        }).ToList();
        var alertes = ReglesAlertes.Evaluer(new FaitsSoins(u.DateNaissance, mesures, scores, [.. chutes.Select(c => c.SurvenueLe)], aujourdhui));
        return new DossierSoins(usagerId, u.Nom, Age.EnAnnees(u.DateNaissance, aujourdhui), etat,
            etat == EtatAllergique.AucuneConnue ? $"Aucune allergie connue, vérifié le {profil!.AucuneAllergieConnueLe!.Value.Locale(horloge):dd/MM/yyyy} par {profil.AucuneAllergieConnuePar}" : null,
            allergies, problemes, profil?.IddsiBoissons, profil?.IddsiAliments, profil?.Regime, profil?.EchelleDouleur ?? EchelleDouleur.Numerique, imc,
            dernieres, series, chutes, risques, alertes,
            await perimetre.PeutAgirAsync(usagerId, RolesSoins.Equipe, ct), await perimetre.PeutAgirAsync(usagerId, RolesSoins.Infirmiers, ct));
    }

    private async Task<ProfilSoins?> ProfilAsync(Guid usagerId, CancellationToken ct) =>
        (await db.ProfilsSoins.AsNoTracking().Where(p => p.UsagerId == usagerId).ToListAsync(ct)).OrderByDescending(p => p.ModifieLe).FirstOrDefault();

    /// <summary>The person's measurements of the last <see cref="MoisHistorique"/> months, on local wall-clock time (what the rules and charts read).</summary>
    internal async Task<List<MesureLue>> MesuresAsync(Guid usagerId, CancellationToken ct)
    {
        var depuis = db.Maintenant.AddMonths(-MoisHistorique);
        var lignes = await db.Mesures.AsNoTracking().Where(m => m.UsagerId == usagerId && m.PriseLe >= depuis)
            .Select(m => new { m.Type, m.Valeur, m.Valeur2, m.Echelle, m.PriseLe }).ToListAsync(ct);
        return [.. lignes.Select(m => new MesureLue(m.Type, m.Valeur, m.Valeur2, m.Echelle, m.PriseLe.Locale(horloge)))];
    }

    /// <summary>The latest Braden and MNA: from the validated evaluations this reader may see, else recorded here; the most recent wins.</summary>
    internal async Task<List<ScoreLu>> ScoresAsync(Guid usagerId, CancellationToken ct)
    {
        var scores = (await db.ScoresRisque.AsNoTracking().Where(s => s.UsagerId == usagerId).ToListAsync(ct))
            .Select(s => new ScoreLu(s.Echelle, s.Score, s.Date, "saisi dans le dossier de soins")).ToList();
        foreach (var ev in await evaluations.DernieresAsync(usagerId, ct))
        {
            EchelleRisque? echelle = ev.Grille.Id == GrillesIntegrees.Braden ? EchelleRisque.Braden : ev.Grille.Id == GrillesIntegrees.Mna ? EchelleRisque.Mna : null;
            if (echelle is { } e && ev.Score is { } s) scores.Add(new ScoreLu(e, (int)s, ev.DateEvaluation, $"évaluation du {ev.DateEvaluation:dd/MM/yyyy}"));
        }
        return scores;
    }

    public static string Interpretation(EchelleRisque e, int score) => e switch
    {
        EchelleRisque.Braden => score <= 9 ? "risque très élevé" : score <= 12 ? "risque élevé" : score <= 14 ? "risque modéré" : score <= 18 ? "risque faible" : "pas de risque",
        _ => score <= 7 ? "dénutrition" : score <= 11 ? "risque de dénutrition" : "état nutritionnel normal",
    };

    // ---- changes ----

    private async Task<Resultat<Guid>?> RefusAsync(Guid usagerId, Role[] roles, CancellationToken ct)
    {
        if (!await PeutLireAsync(usagerId, ct)) return Resultat<Guid>.Introuvable();
        if (!await perimetre.PeutAgirAsync(usagerId, roles, ct))
            return Resultat<Guid>.Interdit("Seuls les infirmiers et les médecins de l'équipe enregistrent cette information.");
        return null;
    }

    public async Task<Resultat<Guid>> AjouterAllergieAsync(Guid usagerId, NouvelleAllergie n, CancellationToken ct)
    {
        if (await RefusAsync(usagerId, RolesSoins.Infirmiers, ct) is { } refus) return refus;
        var e = new Erreurs();
        var libelle = Texte(n.Libelle, "libelle", "La substance ou l'aliment", LongueursSoins.Libelle, true, e);
        var code = Texte(n.CodeSubstance, "codeSubstance", "Le code de substance", LongueursSoins.CodeSubstance, false, e);
        if (code is not null && !code.All(char.IsAsciiDigit)) e.Ajouter("codeSubstance", "Le code de substance de la base publique des médicaments ne contient que des chiffres.");
        if (n.Type is not { } type || !Enum.IsDefined(type)) e.Ajouter("type", "Dites s'il s'agit d'une allergie ou d'une intolérance.");
        if (n.Severite is { } sev && !Enum.IsDefined(sev)) e.Ajouter("severite", "Gravité inconnue.");
        if (n.Source is not { } source || !Enum.IsDefined(source)) e.Ajouter("source", "Dites d'où vient l'information (la personne, sa famille, un médecin, un document).");
        var reaction = Texte(n.Reaction, "reaction", "La réaction", LongueursSoins.Texte, false, e);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var a = new Allergie
        {
            UsagerId = usagerId, Libelle = libelle!, CodeSubstance = code, Type = n.Type!.Value, Reaction = reaction, Severite = n.Severite ?? SeveriteAllergie.NonPrecisee,
            Source = n.Source!.Value, Statut = StatutAllergie.Active, RecueillieLe = db.Maintenant, RecueillieParId = db.Auteur.Id, RecueillieParNom = db.Auteur.Nom,
        };
        db.Allergies.Add(a);
        // A known allergy ends the "no known allergy" statement.
        foreach (var p in await db.ProfilsSoins.Where(p => p.UsagerId == usagerId && p.AucuneAllergieConnueLe != null).ToListAsync(ct))
        {
            p.AucuneAllergieConnueLe = null;
            p.AucuneAllergieConnuePar = null;
        }
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(a.Id);
    }

    public async Task<Resultat<Guid>> ChangerStatutAllergieAsync(Guid allergieId, ChangementStatutAllergie c, CancellationToken ct)
    {
        var a = await db.Allergies.SingleOrDefaultAsync(x => x.Id == allergieId, ct);
        if (a is null) return Resultat<Guid>.Introuvable();
        if (await RefusAsync(a.UsagerId, RolesSoins.Infirmiers, ct) is { } refus) return refus;
        if (c.Statut is not { } statut || !Enum.IsDefined(statut)) return Resultat<Guid>.Invalide("statut", "Choisissez : active, résolue ou infirmée.");
        a.Statut = statut;
        a.StatutChangeLe = db.Maintenant;
        a.StatutChangeParNom = db.Auteur.Nom;
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(a.Id);
    }

    /// <summary>The person (or family, doctor) was asked and no allergy is known: distinct from "not asked".</summary>
    public async Task<Resultat<Guid>> DeclarerAucuneAllergieAsync(Guid usagerId, CancellationToken ct)
    {
        if (await RefusAsync(usagerId, RolesSoins.Infirmiers, ct) is { } refus) return refus;
        if (await db.Allergies.AnyAsync(a => a.UsagerId == usagerId && a.Statut == StatutAllergie.Active, ct))
            return Resultat<Guid>.Conflit("", "Une allergie active est enregistrée : passez-la à « résolue » ou « infirmée » avant de déclarer qu'aucune allergie n'est connue.");
        var p = await ProfilModifiableAsync(usagerId, ct);
        p.AucuneAllergieConnueLe = db.Maintenant;
        p.AucuneAllergieConnuePar = db.Auteur.Nom;
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(p.Id);
    }

    private async Task<ProfilSoins> ProfilModifiableAsync(Guid usagerId, CancellationToken ct)
    {
        var p = (await db.ProfilsSoins.Where(x => x.UsagerId == usagerId).ToListAsync(ct)).OrderByDescending(x => x.ModifieLe).FirstOrDefault();
        if (p is null)
        {
            p = new ProfilSoins { UsagerId = usagerId, ModifieParNom = db.Auteur.Nom };
            db.ProfilsSoins.Add(p);
        }
        p.ModifieLe = db.Maintenant;
        p.ModifieParNom = db.Auteur.Nom;
        return p;
    }

    public async Task<Resultat<Guid>> AjouterProblemeAsync(Guid usagerId, NouveauProbleme n, CancellationToken ct)
    {
        if (await RefusAsync(usagerId, RolesSoins.Infirmiers, ct) is { } refus) return refus;
        var e = new Erreurs();
        var libelle = Texte(n.Libelle, "libelle", "Le libellé", LongueursSoins.Libelle, true, e);
        var commentaire = Texte(n.Commentaire, "commentaire", "Le commentaire", LongueursSoins.Texte, false, e);
        if (n.Nature is not { } nature || !Enum.IsDefined(nature)) e.Ajouter("nature", "Dites s'il s'agit d'un antécédent ou d'un problème en cours.");
        if (n.Debut is { } d && d > db.Aujourdhui) e.Ajouter("debut", "Le début ne peut pas être dans le futur.");
        if (n.Debut is { } d1 && n.Fin is { } f1 && f1 < d1) e.Ajouter("fin", "La fin ne peut pas précéder le début.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var p = new ProblemeSante
        {
            UsagerId = usagerId, Libelle = libelle!, Nature = n.Nature!.Value, Debut = n.Debut, Fin = n.Fin, Commentaire = commentaire,
            RecueilliLe = db.Maintenant, RecueilliParNom = db.Auteur.Nom,
        };
        db.ProblemesSante.Add(p);
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(p.Id);
    }

    public async Task<Resultat<Guid>> DefinirAlimentationAsync(Guid usagerId, Alimentation a, CancellationToken ct)
    {
        if (await RefusAsync(usagerId, RolesSoins.Infirmiers, ct) is { } refus) return refus;
        var e = new Erreurs();
        if (a.IddsiBoissons is { } b && (b < Iddsi.Boissons.Min || b > Iddsi.Boissons.Max))
            e.Ajouter("iddsiBoissons", $"Les boissons vont du niveau IDDSI {Iddsi.Boissons.Min} (liquide) au niveau {Iddsi.Boissons.Max} (très épais).");
        if (a.IddsiAliments is { } al && (al < Iddsi.Aliments.Min || al > Iddsi.Aliments.Max))
            e.Ajouter("iddsiAliments", $"Les aliments vont du niveau IDDSI {Iddsi.Aliments.Min} (liquidifié) au niveau {Iddsi.Aliments.Max} (normal).");
        if (a.EchelleDouleur is { } ech && !Enum.IsDefined(ech)) e.Ajouter("echelleDouleur", "Échelle de douleur inconnue.");
        var regime = Texte(a.Regime, "regime", "Le régime", LongueursSoins.Texte, false, e);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var p = await ProfilModifiableAsync(usagerId, ct);
        p.IddsiBoissons = a.IddsiBoissons;
        p.IddsiAliments = a.IddsiAliments;
        p.Regime = regime;
        if (a.EchelleDouleur is { } echelle) p.EchelleDouleur = echelle;
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(p.Id);
    }

    public async Task<Resultat<Guid>> EnregistrerMesureAsync(Guid usagerId, NouvelleMesure n, CancellationToken ct)
    {
        if (await RefusAsync(usagerId, RolesSoins.Equipe, ct) is { } refus) return refus;
        var e = new Erreurs();
        if (n.Type is not { } type || !Enum.IsDefined(type)) return Resultat<Guid>.Invalide("type", "Choisissez ce qui est mesuré (poids, taille, pression artérielle...).");
        DefinitionsMesures.Verifier(type, n.Valeur, n.Valeur2, n.Echelle, e);
        var prise = Instant(n.PriseLe, "priseLe", "La mesure", e);
        var commentaire = Texte(n.Commentaire, "commentaire", "Le commentaire", LongueursSoins.Texte, false, e);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var m = new Mesure
        {
            UsagerId = usagerId, EssmsId = await EssmsAsync(usagerId, RolesSoins.Equipe, ct), Type = type, Valeur = n.Valeur!.Value, Valeur2 = n.Valeur2,
            Echelle = type == TypeMesure.Douleur ? n.Echelle : null, PriseLe = prise, Commentaire = commentaire,
            AuteurId = db.Auteur.Id, AuteurNom = db.Auteur.Nom, EnregistreeLe = db.Maintenant,
        };
        db.Mesures.Add(m);
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(m.Id);
    }

    public async Task<Resultat<Guid>> EnregistrerChuteAsync(Guid usagerId, NouvelleChute n, CancellationToken ct)
    {
        if (await RefusAsync(usagerId, RolesSoins.Equipe, ct) is { } refus) return refus;
        var e = new Erreurs();
        var le = Instant(n.SurvenueLe, "survenueLe", "La chute", e, obligatoire: true);
        var lieu = Texte(n.Lieu, "lieu", "Le lieu", LongueursSoins.Libelle, true, e);
        var circonstances = Texte(n.Circonstances, "circonstances", "Les circonstances", LongueursSoins.Texte, false, e);
        var blessure = Texte(n.DescriptionBlessure, "descriptionBlessure", "La description de la blessure", LongueursSoins.Texte, false, e);
        if (n.Blessure && blessure is null) e.Ajouter("descriptionBlessure", "Décrivez la blessure.");
        var temoin = Texte(n.Temoin, "temoin", "Le témoin", LongueursSoins.Libelle, false, e);
        var mesures = Texte(n.Mesures, "mesures", "Les mesures prises", LongueursSoins.Texte, false, e);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var c = new Chute
        {
            UsagerId = usagerId, EssmsId = await EssmsAsync(usagerId, RolesSoins.Equipe, ct), SurvenueLe = le, Lieu = lieu!, Circonstances = circonstances,
            Blessure = n.Blessure, DescriptionBlessure = n.Blessure ? blessure : null, Temoin = temoin, Mesures = mesures,
            AuteurId = db.Auteur.Id, AuteurNom = db.Auteur.Nom, EnregistreeLe = db.Maintenant,
        };
        db.Chutes.Add(c);
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(c.Id);
    }

    public async Task<Resultat<Guid>> EnregistrerScoreAsync(Guid usagerId, NouveauScore n, CancellationToken ct)
    {
        if (await RefusAsync(usagerId, RolesSoins.Infirmiers, ct) is { } refus) return refus;
        var e = new Erreurs();
        if (n.Echelle is not { } echelle || !Enum.IsDefined(echelle)) return Resultat<Guid>.Invalide("echelle", "Choisissez l'échelle : Braden ou MNA.");
        var (min, max) = echelle == EchelleRisque.Braden ? (6, 23) : (0, 14);
        if (n.Score is not { } s) e.Ajouter("score", "Indiquez le score.");
        else if (s < min || s > max) e.Ajouter("score", $"Le score {echelle.Libelle()} va de {min} à {max}.");
        var date = n.Date ?? db.Aujourdhui;
        if (date > db.Aujourdhui) e.Ajouter("date", "La date ne peut pas être dans le futur.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var r = new ScoreRisque { UsagerId = usagerId, Echelle = echelle, Score = n.Score!.Value, Date = date, AuteurNom = db.Auteur.Nom, EnregistreLe = db.Maintenant };
        db.ScoresRisque.Add(r);
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(r.Id);
    }

    /// <summary>The ESSMS of a current séjour of the person where the user holds one of the roles.</summary>
    internal async Task<Guid?> EssmsAsync(Guid usagerId, Role[] roles, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(roles, ct);
        return await db.Sejours.AsNoTracking()
            .Where(s => s.UsagerId == usagerId && !s.Annule && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value))))
            .OrderBy(s => s.DateSortie != null).ThenByDescending(s => s.DateAdmissionPrevue).Select(s => (Guid?)s.EssmsId).FirstOrDefaultAsync(ct);
    }

    private DateTimeOffset Instant(DateTimeOffset? v, string champ, string libelle, Erreurs e, bool obligatoire = false)
    {
        var maintenant = db.Maintenant;
        if (v is not { } le)
        {
            if (obligatoire) e.Ajouter(champ, $"Indiquez la date et l'heure : {libelle.ToLowerInvariant()} a eu lieu quand ?");
            return maintenant;
        }
        // A few minutes of tolerance for a tablet's clock.
        if (le > maintenant.AddMinutes(10)) e.Ajouter(champ, $"{libelle} ne peut pas être dans le futur.");
        if (le < maintenant.AddYears(-5)) e.Ajouter(champ, $"{libelle} date de plus de cinq ans : vérifiez l'année.");
        return le;
    }

    internal static string? Texte(string? v, string champ, string libelle, int max, bool obligatoire, Erreurs e)
    {
        var t = v?.Replace("\r\n", "\n").Trim();
        if (string.IsNullOrEmpty(t)) { if (obligatoire) e.Ajouter(champ, $"{libelle} est obligatoire."); return null; }
        if (t.Length > max) { e.Ajouter(champ, $"{libelle} dépasse {max} caractères."); return null; }
        if (t.Any(ch => ch is not ('\n' or '\t') && TexteLibre.EstInterdit(ch))) { e.Ajouter(champ, $"{libelle} contient un caractère invisible ou de contrôle non autorisé."); return null; }
        return t;
    }
}
