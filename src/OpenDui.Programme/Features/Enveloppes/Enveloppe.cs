using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Features.Enveloppes;

/// <summary>An ARS's commitment envelope for a campaign year (the national envelope has code <see cref="National"/>).</summary>
public sealed class Enveloppe
{
    public const string National = "NAT";
    public Guid Id { get; set; } = Guid.NewGuid();
    public int Annee { get; set; }
    public required string RegionCode { get; set; }
    public decimal Montant { get; set; }
    public int Version { get; set; }
}

/// <summary>A selected project committed once on its envelope, before the year's deadline.</summary>
public sealed class Engagement
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CandidatureId { get; set; }
    public int Annee { get; set; }
    public required string RegionCode { get; set; }
    public decimal Montant { get; set; }
    public DateOnly EngageLe { get; set; }
    public string Par { get; set; } = "";
}

/// <summary>Uncommitted credits moved by the CNSA/DNS from one ARS to another after the redeployment date.</summary>
public sealed class Redeploiement
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int Annee { get; set; }
    public required string RegionSource { get; set; }
    public required string RegionCible { get; set; }
    public decimal Montant { get; set; }
    public DateOnly DecideLe { get; set; }
    public string Par { get; set; } = "";
}

public sealed record SituationEnveloppe(string RegionCode, decimal Programme, decimal Recu, decimal Cede, decimal Engage)
{
    public decimal Disponible => Programme + Recu - Cede - Engage;
}

/// <summary>Budget rules: commit once, within the available credits, by the deadline; redeploy after 15/10.</summary>
public static class ReglesBudget
{
    public static SituationEnveloppe Situation(string region, IEnumerable<Enveloppe> env, IEnumerable<Redeploiement> red, IEnumerable<Engagement> eng)
    {
        var r = red.ToList();
        return new(region, env.Where(e => e.RegionCode == region).Sum(e => e.Montant),
            r.Where(x => x.RegionCible == region).Sum(x => x.Montant), r.Where(x => x.RegionSource == region).Sum(x => x.Montant),
            eng.Where(e => e.RegionCode == region).Sum(e => e.Montant));
    }

    public static Engagement Engager(Candidature c, SituationEnveloppe s, bool dejaEngagee, ParametresCampagne p, DateOnly aujourdhui, string par)
    {
        if (!c.EstFinancee) throw new RegleException("Seul un projet retenu est engagé.");
        if (dejaEngagee) throw new RegleException("Ce projet est déjà engagé : un projet retenu est engagé une seule fois.");
        if (aujourdhui > p.DateLimiteEngagement) throw new RegleException($"Les engagements de la campagne {p.Annee} sont clos depuis le {p.DateLimiteEngagement:dd/MM/yyyy}.");
        if (c.MontantAccorde > s.Disponible)
            throw new RegleException($"Crédits insuffisants sur l'enveloppe : {s.Disponible:N0} € disponibles pour {c.MontantAccorde:N0} € à engager.");
        return new Engagement { CandidatureId = c.Id, Annee = c.Annee, RegionCode = s.RegionCode, Montant = c.MontantAccorde, EngageLe = aujourdhui, Par = par };
    }

    public static Redeploiement Redeployer(SituationEnveloppe source, string cible, decimal montant, ParametresCampagne p, DateOnly aujourdhui, string par)
    {
        if (aujourdhui < p.DateRedeploiement) throw new RegleException($"Les crédits non engagés sont redéployés à partir du {p.DateRedeploiement:dd/MM/yyyy}.");
        if (aujourdhui > p.DateLimiteEngagement) throw new RegleException("La campagne est close : plus de redéploiement.");
        if (cible == source.RegionCode) throw new RegleException("Choisissez une autre ARS bénéficiaire.");
        if (montant <= 0) throw new RegleException("Le montant redéployé doit être positif.");
        if (montant > source.Disponible) throw new RegleException($"L'ARS ne dispose que de {source.Disponible:N0} € non engagés.");
        return new Redeploiement { Annee = p.Annee, RegionSource = source.RegionCode, RegionCible = cible, Montant = montant, DecideLe = aujourdhui, Par = par };
    }
}
