namespace OpenDui.Referentiel.Nomenclatures;

/// <summary>A FINESS establishment category with its three aggregate levels.</summary>
public sealed record CategorieEtablissement(
    string Code,
    string Libelle,
    string LibelleCourt,
    string Domaine,
    DateOnly? DateFin,
    string CodeAgregat3,
    string LibelleAgregat3,
    string CodeAgregat2,
    string LibelleAgregat2,
    string CodeAgregat1,
    string LibelleAgregat1)
{
    public bool EstEnVigueur => DateFin is null;

    /// <summary>
    /// Champ d'activité derived from the aggregates (a derivation documented in shared/interop §7, not an
    /// official table): home services first (they sit inside the PA/PH aggregates), then the aggregates.
    /// </summary>
    public ChampActivite? ChampActivite => Code switch
    {
        "354" or "209" or "460" => Nomenclatures.ChampActivite.DOM,
        _ => CodeAgregat2 switch
        {
            "4400" => Nomenclatures.ChampActivite.PA,
            "4100" or "4300" => Nomenclatures.ChampActivite.PH,
            "4500" => Nomenclatures.ChampActivite.PDE,
            _ => CodeAgregat3 switch
            {
                "4604" => Nomenclatures.ChampActivite.PDS,
                "4601" or "4602" or "4607" => Nomenclatures.ChampActivite.AHI,
                "4608" => Nomenclatures.ChampActivite.PJM,
                _ => null,
            },
        },
    };
}

/// <summary>A FINESS legal status with its aggregates (e.g. 1000 public, 2000 private non-profit...).</summary>
public sealed record StatutJuridique(
    string Code,
    string Libelle,
    DateOnly? DateFin,
    string CodeAgregat3,
    string LibelleAgregat3,
    string CodeAgregat2,
    string LibelleAgregat2,
    string CodeAgregat1,
    string LibelleAgregat1)
{
    public bool EstEnVigueur => DateFin is null;
}
