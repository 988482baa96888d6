using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>Where the BDPM files are read from: a directory the operator downloaded them to, or the demo's extract.</summary>
public sealed class SourceBdpm(Func<string, Stream?> ouvrir, string description)
{
    public const string Specialites = "CIS_bdpm.txt";
    public const string Presentations = "CIS_CIP_bdpm.txt";
    public const string Compositions = "CIS_COMPO_bdpm.txt";
    public const string Generiques = "CIS_GENER_bdpm.txt";
    public static readonly string[] Fichiers = [Specialites, Presentations, Compositions, Generiques];

    public string Description { get; } = description;

    public Stream? Ouvrir(string fichier) => ouvrir(fichier);

    public static SourceBdpm Dossier(string dossier) => new(f =>
    {
        var chemin = Path.Combine(dossier, f);
        return File.Exists(chemin) ? File.OpenRead(chemin) : null;
    }, dossier);
}

/// <summary>What an import did, for the operator.</summary>
public sealed record BilanImportBdpm(int Specialites, int Presentations, int Compositions, int Groupes, int RetireesConservees, int Supprimees,
    IReadOnlyList<string> Avertissements);

/// <summary>
/// Reads the BDPM's published files: tab-separated, no header, no quoting. Most files are Windows-1252 (bytes 0x92 ’ and
/// 0x96 –, which Latin-1 would garble) but CIS_CIP_bdpm.txt is published in UTF-8: each file is decoded as UTF-8 when it is
/// valid UTF-8, else as Windows-1252. Lines are split on LF with any CR removed (a few CPD records end in CR CR LF).
/// </summary>
public static class LecteurBdpm
{
    private static readonly UTF8Encoding Utf8Strict = new(false, throwOnInvalidBytes: true);

    public static Encoding Cp1252
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252);
        }
    }

    public static string Decoder(byte[] octets)
    {
        var debut = octets.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try { return Utf8Strict.GetString(octets, debut, octets.Length - debut); }
        catch (DecoderFallbackException) { return Cp1252.GetString(octets); }
    }

    /// <summary>The lines of a file as trimmed fields; empty lines skipped.</summary>
    public static IEnumerable<string[]> Lignes(string texte)
    {
        foreach (var brute in texte.Split('\n'))
        {
            var ligne = brute.Replace("\r", "");
            if (ligne.Trim().Length == 0) continue;
            yield return ligne.Split('\t').Select(c => c.Trim()).ToArray();
        }
    }

    public static async Task<string?> LireAsync(SourceBdpm source, string fichier, CancellationToken ct)
    {
        await using var flux = source.Ouvrir(fichier);
        if (flux is null) return null;
        using var memoire = new MemoryStream();
        await flux.CopyToAsync(memoire, ct);
        return Decoder(memoire.ToArray());
    }

    private static string Champ(string[] c, int i) => i < c.Length ? c[i] : "";
    private static bool EstCis(string s) => s.Length == 8 && s.All(char.IsAsciiDigit);

    public static IEnumerable<SpecialiteBdpm> Specialites(string texte) =>
        Lignes(texte).Where(c => EstCis(c[0])).Select(c => new SpecialiteBdpm
        {
            Cis = c[0], Denomination = Champ(c, 1), DenominationRecherche = CleRecherche.De(Champ(c, 1)), Forme = Champ(c, 2), Voies = Champ(c, 3),
            StatutAmm = Champ(c, 4), Commercialisation = Champ(c, 6),
            DateAmm = DateOnly.TryParseExact(Champ(c, 7), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            Titulaires = Champ(c, 10), SurveillanceRenforcee = Champ(c, 11).Equals("Oui", StringComparison.OrdinalIgnoreCase),
        });

    public static IEnumerable<PresentationBdpm> Presentations(string texte) =>
        Lignes(texte).Where(c => EstCis(c[0]) && Champ(c, 6).Length == 13).Select(c => new PresentationBdpm
        {
            Cis = c[0], Cip7 = Champ(c, 1), Libelle = string.Join(' ', Champ(c, 2).Split(' ', StringSplitOptions.RemoveEmptyEntries)), Statut = Champ(c, 3),
            Commercialisation = Champ(c, 4), Cip13 = Champ(c, 6), AgrementCollectivites = Champ(c, 7) is { Length: > 0 } a ? a : null,
        });

    public static IEnumerable<CompositionBdpm> Compositions(string texte) =>
        Lignes(texte).Where(c => EstCis(c[0]) && Champ(c, 2).Length > 0).Select(c => new CompositionBdpm
        {
            Cis = c[0], Element = Champ(c, 1), CodeSubstance = Champ(c, 2), Substance = Champ(c, 3), SubstanceRecherche = CleRecherche.De(Champ(c, 3)),
            Dosage = Champ(c, 4), ReferenceDosage = Champ(c, 5), Nature = Champ(c, 6),
            NumeroLiaison = int.TryParse(Champ(c, 7), CultureInfo.InvariantCulture, out var n) ? n : 0,
        });

    public static IEnumerable<GroupeGeneriqueBdpm> Generiques(string texte) =>
        Lignes(texte).Where(c => int.TryParse(c[0], CultureInfo.InvariantCulture, out _) && EstCis(Champ(c, 2))).Select(c => new GroupeGeneriqueBdpm
        {
            IdGroupe = int.Parse(c[0], CultureInfo.InvariantCulture), Libelle = Champ(c, 1), Cis = Champ(c, 2),
            Type = int.TryParse(Champ(c, 3), CultureInfo.InvariantCulture, out var t) ? t : 0,
            Tri = int.TryParse(Champ(c, 4), CultureInfo.InvariantCulture, out var s) ? s : 0,
        });
}

/// <summary>
/// The monthly import of the BDPM by the operator (command <c>import-bdpm --dossier D</c>), in one transaction: the reference
/// tables are replaced by the files' content, in bulk. A speciality a prescription names is never deleted: present in the
/// files it is updated in place, absent it is kept (with its composition, which the allergy check needs) and marked
/// withdrawn. Running the same import twice leaves the same tables.
/// </summary>
public sealed class ImportBdpm(OpenDuiDbContext db)
{
    public async Task<BilanImportBdpm> ImporterAsync(SourceBdpm source, IProgress<string>? progres, CancellationToken ct)
    {
        var textes = new Dictionary<string, string>();
        foreach (var f in SourceBdpm.Fichiers)
            textes[f] = await LecteurBdpm.LireAsync(source, f, ct) ?? throw new FileNotFoundException($"Fichier BDPM manquant : {f} (dans {source.Description}).");
        var avertissements = new List<string>();

        var specialites = LecteurBdpm.Specialites(textes[SourceBdpm.Specialites]).DistinctBy(s => s.Cis).ToList();
        if (specialites.Count == 0) throw new InvalidDataException($"{SourceBdpm.Specialites} ne contient aucune spécialité : import abandonné, rien n'a changé.");
        var cisFichier = specialites.Select(s => s.Cis).ToHashSet();
        var presentations = LecteurBdpm.Presentations(textes[SourceBdpm.Presentations]).DistinctBy(p => p.Cip13).ToList();
        var compositions = LecteurBdpm.Compositions(textes[SourceBdpm.Compositions]).ToList();
        var groupes = LecteurBdpm.Generiques(textes[SourceBdpm.Generiques]).DistinctBy(g => (g.IdGroupe, g.Cis)).ToList();
        var sansSpecialite = compositions.Where(c => !cisFichier.Contains(c.Cis)).Select(c => c.Cis).Distinct().Count();
        if (sansSpecialite > 0) avertissements.Add($"{sansSpecialite} spécialité(s) de la composition absentes de {SourceBdpm.Specialites} : leur composition est ignorée.");
        var cipSans = presentations.Count(p => !cisFichier.Contains(p.Cis));
        if (cipSans > 0) avertissements.Add($"{cipSans} présentation(s) d'une spécialité absente de {SourceBdpm.Specialites} : ignorées.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var referencees = (await db.Set<Prescription>().Where(p => p.Cis != null).Select(p => p.Cis!).Distinct().ToListAsync(ct)).ToHashSet();
        // Withdrawn but named by a prescription: kept as they are, composition included.
        var conservees = referencees.Where(c => !cisFichier.Contains(c)).ToList();
        var supprimees = (await db.Set<SpecialiteBdpm>().Select(x => x.Cis).ToListAsync(ct)).Count(c => !cisFichier.Contains(c) && !referencees.Contains(c));

        await db.Set<PresentationBdpm>().Where(x => !conservees.Contains(x.Cis)).ExecuteDeleteAsync(ct);
        await db.Set<CompositionBdpm>().Where(x => !conservees.Contains(x.Cis)).ExecuteDeleteAsync(ct);
        await db.Set<GroupeGeneriqueBdpm>().ExecuteDeleteAsync(ct);
        var referenceesListe = referencees.ToList();
        await db.Set<SpecialiteBdpm>().Where(x => !referenceesListe.Contains(x.Cis)).ExecuteDeleteAsync(ct);

        // The few specialities a prescription names are updated in place (tracked: their change is in the trail).
        var gardees = await db.Set<SpecialiteBdpm>().ToDictionaryAsync(x => x.Cis, ct);
        foreach (var s in specialites.Where(s => gardees.ContainsKey(s.Cis)))
        {
            var g = gardees[s.Cis];
            (g.Denomination, g.DenominationRecherche, g.Forme, g.Voies, g.StatutAmm, g.Commercialisation, g.DateAmm, g.Titulaires, g.SurveillanceRenforcee, g.Retiree) =
                (s.Denomination, s.DenominationRecherche, s.Forme, s.Voies, s.StatutAmm, s.Commercialisation, s.DateAmm, s.Titulaires, s.SurveillanceRenforcee, false);
        }
        foreach (var c in conservees)
            if (gardees.TryGetValue(c, out var g)) g.Retiree = true;
        await db.SaveChangesAsync(ct);

        var masse = new InsertionMassive(db, db.Database.GetDbConnection(), tx.GetDbTransaction());
        var nouvelles = specialites.Where(s => !gardees.ContainsKey(s.Cis)).ToList();
        await masse.InsererAsync(nouvelles, progres, ct);
        var cisConserves = conservees.ToHashSet();
        var pres = presentations.Where(p => cisFichier.Contains(p.Cis) && !cisConserves.Contains(p.Cis)).ToList();
        await masse.InsererAsync(pres, progres, ct);
        var compo = compositions.Where(c => cisFichier.Contains(c.Cis)).ToList();
        await masse.InsererAsync(compo, progres, ct);
        await masse.InsererAsync(groupes, progres, ct);
        db.TracerActe(nameof(ImportBdpm), source.Description.Length > 200 ? source.Description[..200] : source.Description, "Import",
            new { Specialites = specialites.Count, Presentations = pres.Count, Compositions = compo.Count, Groupes = groupes.Count, RetireesConservees = conservees.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new BilanImportBdpm(specialites.Count, pres.Count, compo.Count, groupes.Count, conservees.Count, supprimees,
            avertissements);
    }
}
