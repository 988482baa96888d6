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
        if (u.InsQualifie is { } ins && (accepterOidTest || !OidsIns.EstDeTest(ins.Oid)))
            liste.Add(new IdentifiantSortant($"urn:oid:{ins.Oid}", ins.Matricule, EstIns: true));
        liste.AddRange(locaux.Where(l => !l.Local.Ancien)
            .Select(l => new IdentifiantSortant(IdentifiantLocal.Systeme, Tddui.IdentifiantUsager(l.FinessEt, l.Local.Valeur), EstIns: false)));
        return liste;
    }

    /// <summary>The OID of an INS identifier (its system is urn:oid:&lt;oid&gt;).</summary>
    public static string Oid(IdentifiantSortant ins) => ins.Systeme["urn:oid:".Length..];
}
