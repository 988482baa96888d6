using OpenDui.Web.Features.Usagers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.Insi;

using OpenDui.Web.Hote;

namespace OpenDui.Web.Features.Audit;

public enum Journal { Acces, Modifications }

public sealed record CritereAudit(Journal Journal, Guid? UsagerId, Guid? AuteurId, string? Auteur, DateOnly? Du, DateOnly? Au, int Page = 1);

public sealed record LigneAudit(long Id, DateTimeOffset Horodatage, Guid? AuteurId, string AuteurNom, Guid? UsagerId,
    string Quoi, string? Avant, string? Apres, string Hash);

public enum Anomalie
{
    Aucune,
    /// <summary>An entry no longer matches its hash or its predecessor's: altered in place.</summary>
    Rupture,
    /// <summary>Entries the latest signed checkpoint counted are gone (typically the newest ones).</summary>
    Troncature,
    /// <summary>The chain is consistent but no longer the one the latest checkpoint signed: rewritten.</summary>
    ChaineRecalculee,
    /// <summary>The latest checkpoint's signature is wrong: forged, or the key changed.</summary>
    JalonInvalide,
}

/// <param name="Jalon">The latest signed checkpoint compared with, if any.</param>
/// <param name="Protegee">Whether truncation and recomputation are detectable (a key and a checkpoint).</param>
public sealed record Verification(Journal Journal, int NombreTraces, long? PremiereRupture, Anomalie Anomalie, JalonVerifie? Jalon, bool Protegee, string Message)
{
    public bool Integre => Anomalie == Anomalie.Aucune;
}

public sealed record JalonVerifie(long DerniereTraceId, long NombreTraces, string Horodatage);

/// <summary>The DPO's view of the two audit trails: search, integrity check, export.</summary>
public sealed class ConsultationAudit(OpenDuiDbContext db, JalonsAudit jalons, CleChainage cle, TimeProvider horloge, IOptions<InsiOptions> insi)
{
    public const int TaillePage = 50;
    public const int TailleMaxExport = 10_000;

    public async Task<Resultat<PageResultats<LigneAudit>>> RechercherAsync(CritereAudit c, CancellationToken ct)
    {
        var erreurs = Pagination.Valider(c.Page);
        if (erreurs.Any) return Resultat<PageResultats<LigneAudit>>.Invalide(erreurs);
        var lignes = await Requete(c).Skip(Pagination.Decalage(c.Page, TaillePage)).Take(TaillePage + 1).ToListAsync(ct);
        var resultats = await SortantesAsync(lignes.Take(TaillePage).ToList(), ct);
        await TracerActeAsync(c, "Recherche", resultats.Count, ct);
        return Resultat<PageResultats<LigneAudit>>.Ok(new PageResultats<LigneAudit>(resultats, c.Page, TaillePage, lignes.Count > TaillePage));
    }

    /// <summary>The DPO's own consultation is accountable too: one entry of the change trail per search or
    /// export (criteria and number of entries, not their content), committed before the results are returned.</summary>
    private async Task TracerActeAsync(CritereAudit c, string action, int nombre, CancellationToken ct)
    {
        db.TracerActe("Audit", c.Journal.ToString(), action, new
        {
            c.UsagerId, c.AuteurId, c.Auteur, Du = c.Du?.ToString("yyyy-MM-dd"), Au = c.Au?.ToString("yyyy-MM-dd"),
            Page = action == "Recherche" ? c.Page : (int?)null, Entrees = nombre,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Entries as they may leave: an INS in their details goes through the one rule of <see cref="IdentifiantsSortants"/>.</summary>
    private async Task<List<LigneAudit>> SortantesAsync(List<LigneAudit> lignes, CancellationToken ct)
    {
        var concernees = lignes.Where(l => IdentifiantsSortants.MentionneIns(l.Avant) || IdentifiantsSortants.MentionneIns(l.Apres)).ToList();
        if (concernees.Count == 0) return lignes;
        var ins = new Dictionary<Guid, (string Matricule, string Oid)?>();
        foreach (var lot in concernees.Where(l => l.UsagerId is not null).Select(l => l.UsagerId!.Value).Distinct().Chunk(500))
            foreach (var u in await db.Usagers.AsNoTracking().Where(u => lot.Contains(u.Id)).ToListAsync(ct))
                ins[u.Id] = IdentifiantsSortants.InsSortant(u, insi.Value.AccepterOidTest);
        return lignes.Select(l =>
        {
            var sortant = l.UsagerId is { } id ? ins.GetValueOrDefault(id) : null;
            return l with { Avant = IdentifiantsSortants.Details(l.Avant, sortant), Apres = IdentifiantsSortants.Details(l.Apres, sortant) };
        }).ToList();
    }

    private IQueryable<LigneAudit> Requete(CritereAudit c)
    {
        var du = c.Du is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        // "Up to the last day there is" bounds nothing (and its next day does not exist).
        var au = c.Au is { } a && a < DateOnly.MaxValue ? new DateTimeOffset(a.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        var auteur = c.Auteur?.Trim();
        if (c.Journal == Journal.Acces)
        {
            var q = db.TracesAcces.AsNoTracking();
            if (c.UsagerId is { } u) q = q.Where(t => t.UsagerId == u);
            if (c.AuteurId is { } p) q = q.Where(t => t.AuteurId == p);
            if (!string.IsNullOrEmpty(auteur)) q = q.Where(t => t.AuteurNom.Contains(auteur));
            if (du is not null) q = q.Where(t => t.Horodatage >= du);
            if (au is not null) q = q.Where(t => t.Horodatage < au);
            return q.OrderByDescending(t => t.Id).Select(t => new LigneAudit(t.Id, t.Horodatage, t.AuteurId, t.AuteurNom, t.UsagerId, t.Ressource, null, null, t.Hash));
        }
        var m = db.TracesModification.AsNoTracking();
        if (c.UsagerId is { } u2) m = m.Where(t => t.UsagerId == u2);
        if (c.AuteurId is { } p2) m = m.Where(t => t.AuteurId == p2);
        if (!string.IsNullOrEmpty(auteur)) m = m.Where(t => t.AuteurNom.Contains(auteur));
        if (du is not null) m = m.Where(t => t.Horodatage >= du);
        if (au is not null) m = m.Where(t => t.Horodatage < au);
        return m.OrderByDescending(t => t.Id).Select(t => new LigneAudit(t.Id, t.Horodatage, t.AuteurId, t.AuteurNom, t.UsagerId,
            t.Action + " " + t.Entite + " " + t.EntiteId, t.Avant, t.Apres, t.Hash));
    }

    /// <summary>Re-computes the whole chain of a trail, streaming it in id order, and compares it with the latest
    /// signed checkpoint; an intact trail gets a new checkpoint, so the DPO's check also pins what it saw.</summary>
    public async Task<Verification> VerifierAsync(Journal journal, CancellationToken ct)
    {
        var jalon = await jalons.DernierAsync(journal, ct);
        IAsyncEnumerable<ITraceChainee> traces = journal == Journal.Acces
            ? db.TracesAcces.AsNoTracking().OrderBy(t => t.Id).AsAsyncEnumerable()
            : db.TracesModification.AsNoTracking().OrderBy(t => t.Id).AsAsyncEnumerable();
        var precedent = Chaine.Origine;
        var n = 0;
        long? rupture = null, dernierId = null;
        long jusquAuJalon = 0;
        string? hashAuJalon = null;
        await foreach (var t in traces.WithCancellation(ct))
        {
            n++;
            if (t.HashPrecedent != precedent || t.Hash != Chaine.Calculer(precedent, t.Contenu())) { rupture = t.Id; break; }
            if (t.Id <= jalon?.DerniereTraceId) jusquAuJalon++;
            if (t.Id == jalon?.DerniereTraceId) hashAuJalon = t.Hash;
            precedent = t.Hash;
            dernierId = t.Id;
        }
        var vu = jalon is null ? null : new JalonVerifie(jalon.DerniereTraceId, jalon.NombreTraces, jalon.Horodatage);
        var date = jalon is null ? "" : DateTimeOffset.Parse(jalon.Horodatage, System.Globalization.CultureInfo.InvariantCulture).Locale(horloge).ToString("dd/MM/yyyy HH:mm:ss");
        Verification v;
        if (rupture is not null)
            v = new(journal, n, rupture, Anomalie.Rupture, vu, jalons.Actifs, $"Chaîne rompue à l'entrée n° {rupture} : le journal a été altéré.");
        else if (jalon is null)
            v = new(journal, n, null, Anomalie.Aucune, null, false, jalons.Actifs
                ? $"Chaîne intègre : {n} entrées vérifiées. Aucun jalon signé antérieur : celui-ci devient la référence des prochaines vérifications."
                : $"Chaîne intègre : {n} entrées vérifiées. Clé de chaînage non configurée ({CleChainage.Parametre}) : une troncature ou un recalcul de la chaîne ne seraient pas détectés.");
        else if (!jalon.SignatureValide(cle))
            v = new(journal, n, null, Anomalie.JalonInvalide, vu, true,
                $"Jalon signé du {date} invalide : le registre des jalons a été altéré, ou la clé de chaînage a changé.");
        else if (hashAuJalon is null || jusquAuJalon < jalon.NombreTraces)
            v = new(journal, n, null, Anomalie.Troncature, vu, true,
                $"Journal tronqué : le jalon signé du {date} attestait {jalon.NombreTraces} entrées jusqu'à l'entrée n° {jalon.DerniereTraceId} ; il en reste {jusquAuJalon}"
                + (dernierId is { } d ? $", la dernière conservée est la n° {d}." : ", le journal est vide."));
        else if (hashAuJalon != jalon.DernierHash || jusquAuJalon != jalon.NombreTraces)
            v = new(journal, n, null, Anomalie.ChaineRecalculee, vu, true,
                $"Chaîne recalculée : elle est cohérente mais l'entrée n° {jalon.DerniereTraceId} n'a plus l'empreinte attestée par le jalon signé du {date} ; le journal a été réécrit.");
        else
            v = new(journal, n, null, Anomalie.Aucune, vu, true,
                $"Chaîne intègre : {n} entrées vérifiées, conformes au jalon signé du {date} ({jalon.NombreTraces} entrées jusqu'à l'entrée n° {jalon.DerniereTraceId}).");

        db.TracerActe("Audit", journal.ToString(), "Verification", new { v.NombreTraces, Resultat = v.Anomalie.ToString() });
        await db.SaveChangesAsync(ct);
        if (v.Integre) await jalons.EcrireAsync(journal, ct);
        return v;
    }

    // FHIR "E": an application function or a query, e.g. a search of the trails or a signed export.
    private static readonly string[] ActionsExecutees = ["Export", "Recherche", "Verification", SondageDoublons.Action];

    /// <summary>The selected entries as a FHIR R4 Bundle of AuditEvent (at most 10,000 per export).</summary>
    public async Task<JsonObject> ExporterFhirAsync(CritereAudit c, CancellationToken ct)
    {
        var lignes = await SortantesAsync(await Requete(c).Take(TailleMaxExport).ToListAsync(ct), ct);
        await TracerActeAsync(c, "Export", lignes.Count, ct);
        var entries = new JsonArray();
        foreach (var l in lignes)
        {
            var lecture = c.Journal == Journal.Acces;
            var evt = new JsonObject
            {
                ["resourceType"] = "AuditEvent",
                ["id"] = $"{(lecture ? "acces" : "modif")}-{l.Id}",
                ["type"] = new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/audit-event-type", ["code"] = "rest", ["display"] = "RESTful Operation" },
                ["action"] = lecture ? "R" : l.Quoi.StartsWith("Ajout") ? "C" : l.Quoi.StartsWith("Suppression") ? "D" : ActionsExecutees.Any(a => l.Quoi.StartsWith(a)) ? "E" : "U",
                ["recorded"] = l.Horodatage.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz"),
                ["outcome"] = "0",
                ["agent"] = new JsonArray(new JsonObject
                {
                    ["who"] = new JsonObject { ["identifier"] = new JsonObject { ["value"] = l.AuteurId?.ToString() ?? "systeme" }, ["display"] = l.AuteurNom },
                    ["requestor"] = true,
                }),
                ["source"] = new JsonObject { ["observer"] = new JsonObject { ["display"] = "OpenDUI" } },
                ["entity"] = new JsonArray(new JsonObject
                {
                    ["what"] = new JsonObject { ["identifier"] = new JsonObject { ["value"] = l.UsagerId?.ToString() ?? "" } },
                    ["description"] = l.Quoi,
                    ["detail"] = new JsonArray(
                        new JsonObject { ["type"] = "hash", ["valueString"] = l.Hash },
                        new JsonObject { ["type"] = "avant", ["valueString"] = l.Avant ?? "" },
                        new JsonObject { ["type"] = "apres", ["valueString"] = l.Apres ?? "" }),
                }),
            };
            entries.Add(new JsonObject { ["resource"] = evt });
        }
        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["total"] = lignes.Count, ["entry"] = entries };
    }
}
