using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Usagers;

/// <summary>One entry of the record's chronology, whichever module it comes from.</summary>
/// <param name="Source">The module that answers for it (<see cref="ISourceChronologie.Source"/>; "Dossier" for <see cref="EvenementDossier"/>).</param>
/// <param name="Type">The precise event (Admission, Fusion, TransmissionCiblee...).</param>
/// <param name="Categorie">Its kind, for the filter (<see cref="CategoriesChronologie"/>).</param>
public sealed record LigneChronologie(DateTimeOffset Horodatage, string Source, string Type, string Categorie, string Libelle, string? Texte,
    string? Auteur, Guid? AuteurId, Guid? EssmsId, string? Lien, bool Important);

/// <summary>One page of a record's chronology, newest first; <c>Suite</c> is the <c>avant</c> of the next page (null on the last).</summary>
public sealed record PageChronologie(IReadOnlyList<LigneChronologie> Lignes, string? Suite);

/// <summary>The filters of the chronology. <paramref name="Du"/> and <paramref name="Au"/> are days of the installation's time zone, both included.</summary>
public sealed record FiltreChronologie(string? Categorie = null, Guid? AuteurId = null, DateOnly? Du = null, DateOnly? Au = null, Guid? EssmsId = null, string? Recherche = null)
{
    public bool EstVide => Categorie is null && AuteurId is null && Du is null && Au is null && EssmsId is null && string.IsNullOrWhiteSpace(Recherche);
}

/// <summary>The kinds of entries of the chronology. A module may use its own key (its name); unknown keys show as they are.</summary>
public sealed record EtablissementChronologie(Guid Id, string Nom);

/// <summary>The record page's chronology: the page shown, its filters and the choices of its filter bar.</summary>
/// <param name="Moi">The reader, for the "mes entrées" author filter.</param>
public sealed record VueChronologie(Guid UsagerId, FiltreChronologie Filtre, PageChronologie Page, IReadOnlyList<EtablissementChronologie> Etablissements,
    Guid? Moi, string? Erreur)
{
    /// <summary>The query string of the filters (without the cursor), for "voir plus".</summary>
    public string Requete()
    {
        var p = new List<string>();
        void Ajouter(string nom, string? v) { if (!string.IsNullOrEmpty(v)) p.Add($"{nom}={Uri.EscapeDataString(v)}"); }
        Ajouter("categorie", Filtre.Categorie);
        Ajouter("auteur", Filtre.AuteurId?.ToString());
        Ajouter("du", Filtre.Du?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Ajouter("au", Filtre.Au?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Ajouter("essms", Filtre.EssmsId?.ToString());
        Ajouter("q", Filtre.Recherche);
        return string.Join('&', p);
    }
}

public static class CategoriesChronologie
{
    public const string Identite = "Identite";
    public const string Sejours = "Sejours";
    public const string Entourage = "Entourage";
    public const string Ecrits = "Ecrits";
    public const string Autre = "Autre";

    public static readonly IReadOnlyList<string> Connues = [Identite, Sejours, Entourage, Ecrits, Autre];

    // The types written before the kind existed, and by callers that do not give one.
    private static readonly Dictionary<string, string> ParType = new(StringComparer.Ordinal)
    {
        ["Creation"] = Identite, ["Identite"] = Identite, ["Insi"] = Identite, ["Justificatif"] = Identite, ["StatutIdentite"] = Identite,
        ["NonDoublon"] = Identite, ["Fusion"] = Identite,
        ["Admission"] = Sejours, ["SejourPrevu"] = Sejours, ["Sortie"] = Sejours, ["AnnulationSejour"] = Sejours, ["Annulation"] = Sejours,
        ["Entourage"] = Entourage, ["Protection"] = Entourage,
    };

    public static string De(string type) => ParType.GetValueOrDefault(type, Autre);

    /// <summary>The types that count in a kind when the row has no kind of its own (rows older than the column).</summary>
    public static string[] TypesDe(string categorie) => ParType.Where(p => p.Value == categorie).Select(p => p.Key).ToArray();

    public static string Libelle(string categorie) => categorie switch
    {
        Identite => "Identité",
        Sejours => "Séjours",
        Entourage => "Entourage et protection",
        Ecrits => "Écrits professionnels",
        Autre => "Autres évènements",
        _ => categorie,
    };
}

/// <summary>
/// Where a module's entries of the chronology come from when they cannot be plain <see cref="EvenementDossier"/> rows:
/// their visibility depends on the reader (the écrits' circles and the person's objections). A source reads only what
/// the current reader may see, applies the filters (full text included), and answers newest first from a key position;
/// the chronology merges the sources. Registered as <c>ISourceChronologie</c> in the module's <c>Module.cs</c>.
/// </summary>
public interface ISourceChronologie
{
    /// <summary>Its name, unique, also its rank among entries of the same instant.</summary>
    string Source { get; }

    /// <summary>Up to <paramref name="nombre"/> entries of the record strictly after <paramref name="borne"/>, newest first then by key descending.</summary>
    Task<IReadOnlyList<EntreeChronologie>> LireAsync(Guid usagerId, CritereChronologie critere, BorneChronologie? borne, int nombre, CancellationToken ct);
}

/// <summary>An entry as a source gives it: the line and its key within the source (the tie-break of equal instants, descending).</summary>
public sealed record EntreeChronologie(LigneChronologie Ligne, string Cle);

/// <summary>The filters as instants (<paramref name="Depuis"/> included, <paramref name="Jusqua"/> excluded) and the searched words.</summary>
public sealed record CritereChronologie(string? Categorie, Guid? AuteurId, DateTimeOffset? Depuis, DateTimeOffset? Jusqua, Guid? EssmsId, string? Recherche);

/// <summary>
/// Where a source continues: entries older than <paramref name="Horodatage"/>; at that very instant, those the
/// merge has not given yet: all of them when <paramref name="InstantInclus"/>, or those with a key below <paramref name="CleAvant"/>.
/// </summary>
public sealed record BorneChronologie(DateTimeOffset Horodatage, bool InstantInclus, string? CleAvant);

public static class Chronologie
{
    public const int TaillePage = 20;
    public const string SourceDossier = "Dossier";

    /// <summary>
    /// Adds an entry to the record's timeline (saved with the change it describes). <paramref name="categorie"/> is its kind
    /// (<see cref="CategoriesChronologie"/> or the module's own), derived from <paramref name="type"/> when left out;
    /// <paramref name="texte"/> a detail shown under the label and searched with it; <paramref name="lien"/> a local page.
    /// </summary>
    public static void Noter(this OpenDuiDbContext db, Guid usagerId, string type, string libelle, Guid? essmsId = null,
        string? categorie = null, string? texte = null, string? lien = null) =>
        db.Chronologie.Add(new EvenementDossier
        {
            UsagerId = usagerId, Horodatage = db.Maintenant, Type = type, Categorie = categorie ?? CategoriesChronologie.De(type), Libelle = libelle,
            Texte = texte, Lien = lien, EssmsId = essmsId, AuteurId = db.Auteur.Id, AuteurNom = db.Auteur.Nom,
        });

    /// <summary>The cursor of the next page: the last entry given (instant in UTC ticks, source, key).</summary>
    internal static string Curseur(LigneChronologie l, string cle) => $"{l.Horodatage.UtcTicks}~{l.Source}~{cle}";

    internal static bool LireCurseur(string? v, out (DateTimeOffset Horodatage, string Source, string Cle) c)
    {
        c = default;
        var parts = v?.Split('~', 3);
        if (parts is not { Length: 3 } || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || parts[1].Length == 0 || parts[2].Length == 0) return false;
        c = (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1], parts[2]);
        return true;
    }

    /// <summary>The words of a search as an FTS5 query: each word quoted (no operator can be injected), all required.</summary>
    public static string? RequeteFts5(string? recherche)
    {
        if (string.IsNullOrWhiteSpace(recherche)) return null;
        var mots = new List<string>();
        var mot = new StringBuilder();
        foreach (var ch in recherche + " ")
        {
            if (char.IsLetterOrDigit(ch)) { mot.Append(ch); continue; }
            if (mot.Length > 0) { mots.Add($"\"{mot}\""); mot.Clear(); }
        }
        return mots.Count == 0 ? null : string.Join(' ', mots);
    }

    /// <summary>The record's own events (<see cref="EvenementDossier"/>), seen by whoever reads the record.</summary>
    internal static async Task<IReadOnlyList<EntreeChronologie>> EvenementsAsync(OpenDuiDbContext db, Guid usagerId, CritereChronologie c,
        BorneChronologie? borne, int nombre, CancellationToken ct)
    {
        if (borne is null && c is { Categorie: null, AuteurId: null, EssmsId: null, Depuis: null, Jusqua: null, Recherche: null })
        {
            var premiere = new List<EntreeChronologie>(nombre);
            await foreach (var e in PremierePage.Pour(db)(db, usagerId, nombre).WithCancellation(ct)) premiere.Add(Entree(e));
            return premiere;
        }
        var q = db.Chronologie.AsNoTracking().Where(e => e.UsagerId == usagerId);
        if (c.Categorie is { } categorie)
        {
            var anciens = CategoriesChronologie.TypesDe(categorie);
            q = q.Where(e => e.Categorie == categorie || (e.Categorie == null && anciens.Contains(e.Type)));
        }
        if (c.AuteurId is { } auteur) q = q.Where(e => e.AuteurId == auteur);
        if (c.EssmsId is { } essms) q = q.Where(e => e.EssmsId == essms);
        if (c.Depuis is { } depuis) q = q.Where(e => e.Horodatage >= depuis);
        if (c.Jusqua is { } jusqua) q = q.Where(e => e.Horodatage < jusqua);
        if (!string.IsNullOrWhiteSpace(c.Recherche))
        {
            if (db.Fournisseur == Fournisseur.Postgres)
                q = q.Where(e => EF.Property<NpgsqlTsVector>(e, ConfigurationEvenementDossierPostgres.Recherche).Matches(EF.Functions.WebSearchToTsQuery(RechercheFrancaise.Configuration, c.Recherche)));
            else if (RequeteFts5(c.Recherche) is { } fts)
            {
                var ids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM ChronologieFts WHERE ChronologieFts MATCH {fts}");
                q = q.Where(e => ids.Contains(e.Id));
            }
        }
        if (borne is { } b)
        {
            if (b.CleAvant is { } cle)
            {
                if (!long.TryParse(cle, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)) return [];
                q = q.Where(e => e.Horodatage < b.Horodatage || (e.Horodatage == b.Horodatage && e.Id < id));
            }
            else q = b.InstantInclus ? q.Where(e => e.Horodatage <= b.Horodatage) : q.Where(e => e.Horodatage < b.Horodatage);
        }
        var lignes = await q.OrderByDescending(e => e.Horodatage).ThenByDescending(e => e.Id).Take(nombre)
            .Select(e => new LigneEvenement(e.Id, e.Horodatage, e.Type, e.Categorie, e.Libelle, e.Texte, e.AuteurNom, e.AuteurId, e.EssmsId, e.Lien))
            .ToListAsync(ct);
        return lignes.Select(Entree).ToList();
    }

    private sealed record LigneEvenement(long Id, DateTimeOffset Horodatage, string Type, string? Categorie, string Libelle, string? Texte, string? AuteurNom,
        Guid? AuteurId, Guid? EssmsId, string? Lien);

    /// <summary>The first page without filter (the record opened, every time), compiled: the general query is composed per
    /// call from the filters, and EF hashes and evaluates that tree again on every call (bench/README.md, thirteenth run).</summary>
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid, int, IAsyncEnumerable<LigneEvenement>>> PremierePage =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid usagerId, int nombre) =>
            db.Set<EvenementDossier>().AsNoTracking().Where(e => e.UsagerId == usagerId).OrderByDescending(e => e.Horodatage).ThenByDescending(e => e.Id).Take(nombre)
                .Select(e => new LigneEvenement(e.Id, e.Horodatage, e.Type, e.Categorie, e.Libelle, e.Texte, e.AuteurNom, e.AuteurId, e.EssmsId, e.Lien))));

    private static EntreeChronologie Entree(LigneEvenement e) => new(new LigneChronologie(e.Horodatage, SourceDossier, e.Type,
        e.Categorie ?? CategoriesChronologie.De(e.Type), e.Libelle, e.Texte, e.AuteurNom, e.AuteurId, e.EssmsId, e.Lien, false), e.Id.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// The record's chronology: its own events and every module's entries (<see cref="ISourceChronologie"/>), merged newest
/// first and paged by key (never by offset: a 10-year record pages as fast at its end as at its start). Each source reads
/// its own index on (UsagerId, Horodatage, key) and only what the reader may see; one read traced per request.
/// </summary>
public sealed class ChronologieDossier(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, IEnumerable<ISourceChronologie> sources, TimeProvider horloge)
{
    public const int LongueurRechercheMax = 200;

    /// <param name="ressource">What the access trail names; null when the caller (the record page) has traced the read itself.</param>
    public async Task<Resultat<PageChronologie>> LireAsync(Guid usagerId, FiltreChronologie f, string? avant, string? ressource, CancellationToken ct)
    {
        // Its sources' statements on one connection (UneConnexion); the trace is written by the access trail's own writer.
        var r = await db.SurUneConnexionAsync(() => PageAsync(usagerId, f, avant, ct), ct);
        if (r.EstOk && ressource is not null) await journal.TracerLectureAsync(db, usagerId, ressource);
        return r;
    }

    private async Task<Resultat<PageChronologie>> PageAsync(Guid usagerId, FiltreChronologie f, string? avant, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<PageChronologie>.Introuvable();
        var e = new Erreurs();
        if (f.Du is { } du && f.Au is { } au && du > au) e.Ajouter("au", "La fin de la période précède son début.");
        if (f.Recherche is { Length: > LongueurRechercheMax }) e.Ajouter("q", $"La recherche dépasse {LongueurRechercheMax} caractères.");
        (DateTimeOffset Horodatage, string Source, string Cle) curseur = default;
        if (avant is not null && !Chronologie.LireCurseur(avant, out curseur)) e.Ajouter("avant", "Le point de reprise n'est pas valable : reprenez la chronologie depuis le début.");
        if (e.Any) return Resultat<PageChronologie>.Invalide(e);

        var critere = new CritereChronologie(f.Categorie is { Length: > 0 } c ? c : null, f.AuteurId,
            f.Du is { } d ? Debut(d) : null, f.Au is { } a ? Debut(a.AddDays(1)) : null, f.EssmsId, string.IsNullOrWhiteSpace(f.Recherche) ? null : f.Recherche.Trim());
        var lecteurs = new List<(string Source, Func<BorneChronologie?, Task<IReadOnlyList<EntreeChronologie>>> Lire)>
            { (Chronologie.SourceDossier, b => Chronologie.EvenementsAsync(db, usagerId, critere, b, Chronologie.TaillePage + 1, ct)) };
        lecteurs.AddRange(sources.Select(s => (s.Source, (Func<BorneChronologie?, Task<IReadOnlyList<EntreeChronologie>>>)(b => s.LireAsync(usagerId, critere, b, Chronologie.TaillePage + 1, ct)))));
        lecteurs.Sort((x, y) => string.CompareOrdinal(x.Source, y.Source));

        // Each source gives one more than a page from the cursor; the merge keeps a page and knows whether more remain.
        var candidats = new List<(EntreeChronologie Entree, int Rang, int Ordre)>();
        for (var rang = 0; rang < lecteurs.Count; rang++)
        {
            var (source, lire) = lecteurs[rang];
            BorneChronologie? borne = avant is null ? null : new BorneChronologie(curseur.Horodatage,
                string.CompareOrdinal(source, curseur.Source) > 0, source == curseur.Source ? curseur.Cle : null);
            var lignes = await lire(borne);
            candidats.AddRange(lignes.Select((l, i) => (l, rang, i)));
        }
        var tries = candidats.OrderByDescending(x => x.Entree.Ligne.Horodatage).ThenBy(x => x.Rang).ThenBy(x => x.Ordre).ToList();
        var page = tries.Take(Chronologie.TaillePage).ToList();
        var suite = tries.Count > Chronologie.TaillePage ? Chronologie.Curseur(page[^1].Entree.Ligne, page[^1].Entree.Cle) : null;
        return Resultat<PageChronologie>.Ok(new PageChronologie(page.Select(x => x.Entree.Ligne).ToList(), suite));
    }

    /// <summary>What the record page's chronology shows: a page (its errors in French instead of an answer 400) and its filter bar.</summary>
    public async Task<VueChronologie> VueAsync(Guid usagerId, FiltreChronologie f, string? avant, string? ressource, CancellationToken ct)
    {
        var r = await LireAsync(usagerId, f, avant, ressource, ct);
        var etablissements = await db.Sejours.AsNoTracking().Where(s => s.UsagerId == usagerId && !s.Annule).Select(s => s.EssmsId).Distinct()
            .Join(db.Set<Structures.Essms>(), id => id, x => x.Id, (id, x) => new EtablissementChronologie(x.Id, x.Nom)).ToListAsync(ct);
        return new VueChronologie(usagerId, f, r.Valeur ?? new PageChronologie([], null), etablissements.OrderBy(x => x.Nom).ToList(), db.Auteur.Id,
            r.EstOk ? null : string.Join(" ", r.Erreurs.Messages));
    }

    private DateTimeOffset Debut(DateOnly jour)
    {
        var local = jour.ToDateTime(TimeOnly.MinValue);
        // In UTC: PostgreSQL's timestamptz takes no other offset.
        return new DateTimeOffset(local, horloge.LocalTimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}

internal sealed class ConfigurationEvenementDossier : IEntityTypeConfiguration<EvenementDossier>
{
    public void Configure(EntityTypeBuilder<EvenementDossier> e)
    {
        e.ToTable("Chronologie");
        e.Property(x => x.Type).HasMaxLength(40);
        e.Property(x => x.Categorie).HasMaxLength(40);
        e.Property(x => x.Libelle).HasMaxLength(500);
        e.Property(x => x.Texte).HasMaxLength(4000);
        e.Property(x => x.Lien).HasMaxLength(300);
        e.Property(x => x.AuteurNom).HasMaxLength(200);
        // The record's timeline newest first, paged by key: an index range scan whatever the record's age.
        e.HasIndex(x => new { x.UsagerId, x.Horodatage, x.Id });
    }
}

/// <summary>
/// French full-text search of the timeline on PostgreSQL: a stored tsvector (french stemming: "chutes" finds "chute")
/// with a GIN index. SQLite has its FTS5 table ChronologieFts, kept in step by triggers (created by the migration).
/// </summary>
internal sealed class ConfigurationEvenementDossierPostgres : IConfigurationPostgres
{
    public const string Recherche = "Recherche";

    public void Configurer(ModelBuilder b)
    {
        b.Entity<EvenementDossier>().Property<NpgsqlTsVector>(Recherche).IsGeneratedTsVectorColumn(RechercheFrancaise.Configuration, nameof(EvenementDossier.Libelle), nameof(EvenementDossier.Texte));
        b.Entity<EvenementDossier>().HasIndex(Recherche).HasMethod("GIN");
    }
}
