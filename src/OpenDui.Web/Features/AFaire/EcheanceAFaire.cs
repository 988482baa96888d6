namespace OpenDui.Web.Features.AFaire;

/// <summary>What a deadline of the way in is about, for grouping and counting (the dashboard's series).</summary>
public enum CategorieAFaire
{
    /// <summary>A request for admission waiting for an answer, a visit or a commission.</summary>
    Demande,
    /// <summary>An MDPH orientation or another decision to renew.</summary>
    Orientation,
    /// <summary>The contrat de séjour or DIPC: handed over, signed, its avenant, its yearly update.</summary>
    Contrat,
    /// <summary>What must be handed over at admission, or an information to give (personne de confiance).</summary>
    Remise,
    /// <summary>A document the record must hold and does not.</summary>
    Document,
}

/// <summary>One thing due for a person's way in or their contract, in plain words, contributed by a module.</summary>
/// <param name="Quoi">What is to be done, as the admission officer says it ("Faire signer le contrat de séjour").</param>
/// <param name="Echeance">The last day allowed (by law or by the ESSMS's rule).</param>
/// <param name="Lien">Where to do it (a page of the DUI), or null.</param>
/// <param name="Regle">The rule behind the deadline, shown as a hint ("CASF D311 : signé dans le mois qui suit l'admission").</param>
/// <param name="UsagerId">The person concerned; null for a deadline of the ESSMS itself (its tariff annex), <paramref name="Personne"/> then says what it is about.</param>
public sealed record EcheanceAFaire(CategorieAFaire Categorie, string Quoi, Guid? UsagerId, string Personne, Guid EssmsId, DateOnly Echeance,
    string? Lien = null, string? Regle = null);

/// <summary>The ESSMS to look at, today, and the last day of interest (deadlines after it are not asked for).</summary>
public sealed record DemandeAFaire(IReadOnlyList<Guid> Essms, DateOnly Aujourdhui, DateOnly Jusquau);

/// <summary>
/// What a module contributes to "À faire", the admission staff's list of deadlines (late, or due within
/// <see cref="ListeAFaire.JoursAlerte"/> days): every deadline it watches in the given ESSMS, due by <see cref="DemandeAFaire.Jusquau"/>,
/// late ones included however old. The caller has checked the reader's perimeter; a source only filters by ESSMS and
/// returns names, not the content of records (it is a list: nothing is traced). Registered in the module's <c>Module.cs</c>.
/// </summary>
public interface ISourceAFaire
{
    Task<IReadOnlyList<EcheanceAFaire>> LireAsync(DemandeAFaire demande, CancellationToken ct);
}

public static class LibellesAFaire
{
    public static string Libelle(this CategorieAFaire c) => c switch
    {
        CategorieAFaire.Demande => "Demandes d'admission",
        CategorieAFaire.Orientation => "Orientations à renouveler",
        CategorieAFaire.Contrat => "Contrat de séjour ou DIPC",
        CategorieAFaire.Remise => "Remises et informations",
        CategorieAFaire.Document => "Pièces manquantes",
        _ => c.ToString(),
    };
}
