using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Identitovigilance;

/// <summary>An identifier a usager may carry outside the DUI (documents, exports, messages, labels).</summary>
public sealed record IdentifiantSortant(string Systeme, string Valeur, bool EstIns);

/// <summary>
/// The one place that decides which identifiers of a usager may leave the DUI: the matricule INS with its OID
/// only when the identity is qualified (RNIV); otherwise the local identifiers only. Every export, document,
/// message and printed label goes through it. An INS of the test or demonstration registers leaves only where the
/// option Insi:AccepterOidTest allows it (development and test installations).
/// </summary>
public static class IdentifiantsSortants
{
    public static IReadOnlyList<IdentifiantSortant> Pour(Usager u, IEnumerable<(string FinessEt, IdentifiantLocal Local)> locaux, bool accepterOidTest = false)
    {
        var liste = new List<IdentifiantSortant>();
        if (InsSortant(u, accepterOidTest) is { } ins)
            liste.Add(new IdentifiantSortant($"urn:oid:{ins.Oid}", ins.Matricule, EstIns: true));
        liste.AddRange(locaux.Where(l => !l.Local.Ancien)
            .Select(l => new IdentifiantSortant(IdentifiantLocal.Systeme, Tddui.IdentifiantUsager(l.FinessEt, l.Local.Valeur), EstIns: false)));
        return liste;
    }

    /// <summary>The INS (matricule, OID) this usager may carry outside the DUI, or null: the rule itself.</summary>
    public static (string Matricule, string Oid)? InsSortant(Usager u, bool accepterOidTest) =>
        u.InsQualifie is { } ins && (accepterOidTest || !OidsIns.EstDeTest(ins.Oid)) ? ins : null;

    /// <summary>What the audit trails show instead of an INS that may not leave.</summary>
    public const string InsMasque = "[INS non qualifié : masqué]";

    private static readonly string[] ProprietesIns = [nameof(Usager.MatriculeIns), nameof(Usager.OidIns)];

    public static bool MentionneIns(string? details) =>
        details is not null && ProprietesIns.Any(p => details.Contains($"\"{p}\"", StringComparison.Ordinal));

    /// <summary>
    /// The before/after details of an audit entry (JSON object of changed properties) as they may leave the DUI (search
    /// page, API, FHIR AuditEvent export). The trail itself keeps what changed (its hash chain covers it); on the way out
    /// a matricule is shown only when it is the person's INS that may leave now (<see cref="InsSortant"/>: qualified),
    /// and its OID only beside it or alone when it is that INS's OID: the DPO then sees nothing a qualified export
    /// would not carry. Anything else (an INS typed or retrieved before qualification, replaced, wrong, or the INS of
    /// an identity not or no longer qualified, or of an entry filed under no usager) is masked.
    /// </summary>
    public static string? Details(string? details, (string Matricule, string Oid)? insSortant)
    {
        if (!MentionneIns(details)) return details;
        if (System.Text.Json.Nodes.JsonNode.Parse(details) is not System.Text.Json.Nodes.JsonObject o) return details;
        var matriculeMontre = true;
        if (o.TryGetPropertyValue(nameof(Usager.MatriculeIns), out var m) && m is not null)
        {
            matriculeMontre = insSortant is { } i && m.GetValueKind() == System.Text.Json.JsonValueKind.String && m.GetValue<string>() == i.Matricule;
            if (!matriculeMontre) o[nameof(Usager.MatriculeIns)] = InsMasque;
        }
        if (o.TryGetPropertyValue(nameof(Usager.OidIns), out var oid) && oid is not null
            && !(matriculeMontre && insSortant is { } j && oid.GetValueKind() == System.Text.Json.JsonValueKind.String && oid.GetValue<string>() == j.Oid))
            o[nameof(Usager.OidIns)] = InsMasque;
        return o.ToJsonString();
    }

    /// <summary>The OID of an INS identifier (its system is urn:oid:&lt;oid&gt;).</summary>
    public static string Oid(IdentifiantSortant ins) => ins.Systeme["urn:oid:".Length..];
}
