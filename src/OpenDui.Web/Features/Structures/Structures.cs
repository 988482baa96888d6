using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Web.Features.Structures;

/// <summary>The legal entity (FINESS EJ) that runs one or more ESSMS.</summary>
public sealed class OrganismeGestionnaire
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string FinessEj { get; set; }
    public required string RaisonSociale { get; set; }
    public required string StatutJuridiqueCode { get; set; }
    public List<Essms> Etablissements { get; set; } = [];
}

/// <summary>One establishment or service (FINESS ET) of an organisme gestionnaire.</summary>
public sealed class Essms
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganismeId { get; set; }
    public OrganismeGestionnaire? Organisme { get; set; }
    public required string FinessEt { get; set; }
    public required string Nom { get; set; }
    public required string CategorieCode { get; set; }
    /// <summary>Derived from the FINESS category's aggregates when the ESSMS is saved; kept for queries.</summary>
    public ChampActivite ChampActivite { get; set; }
    public string? AdresseLigne { get; set; }
    public string? CodePostal { get; set; }
    public string? Commune { get; set; }
    public int Capacite { get; set; }
    public bool Actif { get; set; } = true;
    /// <summary>Counter of the local usager identifiers (TDDUI form 3&lt;FINESS&gt;/&lt;n&gt;).</summary>
    public int DernierNumeroUsager { get; set; }
    public List<Unite> Unites { get; set; } = [];
    public uint Version { get; set; }

    /// <summary>In memory: for a single writer only (the demo data). Admissions use <see cref="NumerotationUsagers"/>.</summary>
    public string ProchainIdentifiantLocal()
    {
        DernierNumeroUsager++;
        return DernierNumeroUsager.ToString("D6");
    }
}

/// <summary>A ward, house or team inside an ESSMS.</summary>
public sealed class Unite
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EssmsId { get; set; }
    public Essms? Essms { get; set; }
    public required string Nom { get; set; }
    public int? Capacite { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>FINESS nomenclature rows held in the database (loaded from the shipped copy, updatable by the CLI).</summary>
public sealed class CategorieFiness : Infrastructure.Data.INonTracee
{
    public required string Code { get; set; }
    public required string Libelle { get; set; }
    public required string LibelleCourt { get; set; }
    public required string Domaine { get; set; }
    public DateOnly? DateFin { get; set; }
    public required string CodeAgregat3 { get; set; }
    public required string LibelleAgregat3 { get; set; }
    public required string CodeAgregat2 { get; set; }
    public required string LibelleAgregat2 { get; set; }
    public required string CodeAgregat1 { get; set; }
    public required string LibelleAgregat1 { get; set; }

    public CategorieEtablissement VersReferentiel() => new(Code, Libelle, LibelleCourt, Domaine, DateFin,
        CodeAgregat3, LibelleAgregat3, CodeAgregat2, LibelleAgregat2, CodeAgregat1, LibelleAgregat1);
}

public sealed class StatutJuridiqueFiness : Infrastructure.Data.INonTracee
{
    public required string Code { get; set; }
    public required string Libelle { get; set; }
    public DateOnly? DateFin { get; set; }
    public required string CodeAgregat1 { get; set; }
    public required string LibelleAgregat1 { get; set; }
    public required string CodeAgregat2 { get; set; }
    public required string LibelleAgregat2 { get; set; }
}
