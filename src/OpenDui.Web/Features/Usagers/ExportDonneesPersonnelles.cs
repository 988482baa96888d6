using OpenDui.Web.Features.Sejours;
using Microsoft.EntityFrameworkCore;
using OpenDui.Echanges.Pdf;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OpenDui.Web.Features.Usagers;

/// <summary>Everything the DUI holds about one person (RGPD art. 15), gathered from every module's contributor.</summary>
public sealed record DonneesPersonnelles(Guid UsagerId, string Personne, DateTimeOffset GenereLe, IReadOnlyList<SectionDonnees> Sections);

/// <summary>
/// The person's right of access: every contributor (<see cref="IDonneesUsager"/>) gives what its module holds, so a
/// new module's data is in the export as soon as it is declared. Opening it is a read of the record (access trail),
/// and handing it out an act in the change trail.
/// </summary>
public sealed class ExportDonneesPersonnelles(OpenDuiDbContext db, PerimetreAcces perimetre, Audit.JournalAcces journal, IEnumerable<IDonneesUsager> contributeurs)
{
    public async Task<Resultat<DonneesPersonnelles>> ExporterAsync(Guid id, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(id, ct)) return Resultat<DonneesPersonnelles>.Introuvable();
        var u = await db.Usagers.AsNoTracking().Where(x => x.Id == id && x.FusionneDansId == null)
            .Select(x => new { x.NomNaissance, x.PrenomsNaissance, x.DateNaissance }).SingleOrDefaultAsync(ct);
        if (u is null) return Resultat<DonneesPersonnelles>.Introuvable();
        var sections = new List<SectionDonnees>();
        foreach (var c in contributeurs) sections.AddRange(await c.ExporterAsync(id, ct));
        await journal.TracerLectureAsync(db, id, ressource);
        db.TracerActe("DroitAcces", id.ToString(), "Export", new { Sections = sections.Count, Elements = sections.Sum(s => s.Elements.Count) }, id);
        await db.SaveChangesAsync(ct);
        return Resultat<DonneesPersonnelles>.Ok(new DonneesPersonnelles(id, $"{u.NomNaissance} {u.PrenomsNaissance} (né·e le {u.DateNaissance:dd/MM/yyyy})",
            db.Maintenant, sections));
    }

    /// <summary>The same content as a readable PDF for the person: one heading per kind of data, one block per row.</summary>
    public static byte[] Pdf(DonneesPersonnelles d, TimeZoneInfo fuseau)
    {
        PolicesDejaVu.Installer();
        using var doc = new PdfDocument();
        doc.Info.Title = "Vos données personnelles";
        var r = new Redaction(doc);
        r.Ligne("Vos données personnelles", Redaction.Titre, 10);
        r.Ligne(d.Personne, Redaction.Gras, 4);
        r.Ligne($"Document établi le {TimeZoneInfo.ConvertTime(d.GenereLe, fuseau):dd/MM/yyyy à HH:mm}, au titre de votre droit d'accès "
            + "(article 15 du RGPD). Il contient tout ce que le dossier informatisé conserve à votre sujet.", Redaction.Texte, 12);
        foreach (var s in d.Sections)
        {
            r.Ligne(s.Titre, Redaction.Sous, 4);
            if (s.Elements.Count == 0) { r.Ligne("Aucune donnée.", Redaction.Texte, 10); continue; }
            foreach (var e in s.Elements)
            {
                foreach (var (champ, valeur) in e)
                    if (valeur is not null && valeur.ToString() is { Length: > 0 } texte)
                        r.Ligne($"{Libelle(champ)} : {texte}", Redaction.Texte, 0);
                r.Espace(6);
            }
            r.Espace(6);
        }
        using var flux = new MemoryStream();
        doc.Save(flux, false);
        return flux.ToArray();
    }

    /// <summary>"DateAdmissionPrevue" → "Date admission prevue": the field names read as words.</summary>
    private static string Libelle(string champ)
    {
        var b = new System.Text.StringBuilder();
        for (var i = 0; i < champ.Length; i++)
        {
            if (i > 0 && char.IsUpper(champ[i]) && !char.IsUpper(champ[i - 1])) b.Append(' ').Append(char.ToLowerInvariant(champ[i]));
            else b.Append(champ[i]);
        }
        return b.ToString();
    }

    private sealed class Redaction(PdfDocument doc) : TexteCoulant(doc, interligne: 1.15)
    {
        public static readonly XFont Titre = new(PolicesDejaVu.Famille, 20, XFontStyleEx.Bold);
        public static readonly XFont Sous = new(PolicesDejaVu.Famille, 15, XFontStyleEx.Bold);
        public static readonly XFont Gras = new(PolicesDejaVu.Famille, 13, XFontStyleEx.Bold);
        // Large, clear type: the person and their family read it, not only professionals.
        public static readonly XFont Texte = new(PolicesDejaVu.Famille, 12, XFontStyleEx.Regular);
    }
}
