using OpenDui.Web.Features.Structures;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Hote.Demo;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Hote.Cli;

/// <summary>
/// Administration commands, run as `dotnet run --project src/OpenDui.Web -- &lt;command&gt; [options]`, with the
/// same configuration as the web host (Database:Provider, ConnectionStrings:OpenDui, environment variables).
/// </summary>
public static class LigneDeCommande
{
    private static readonly Dictionary<string, string> Aide = new()
    {
        ["migrate"] = "applique les migrations de la base configurée (obligatoire avant le premier démarrage sur PostgreSQL)",
        ["create-admin"] = "crée un compte administrateur : --email E --nom N --prenom P ; mot de passe lu dans OPENDUI_ADMIN_PASSWORD ou sur l'entrée standard",
        ["confirm-habilitations"] = "rend effectives les habilitations en attente d'un compte (première direction d'un ESSMS, que personne ne peut encore confirmer) : --email E",
        ["import-finess"] = "importe la nomenclature FINESS : --categories fichier.xml [--statuts fichier.xml]",
        ["import-bdpm"] = "importe ou met à jour la base publique des médicaments (ANSM) : --dossier D (CIS_bdpm.txt, CIS_CIP_bdpm.txt, CIS_COMPO_bdpm.txt, CIS_GENER_bdpm.txt)",
        ["seed-demo"] = "charge les données de démonstration synthétiques dans une base vide : [--usagers N]",
        ["export-usage"] = "exporte le rapport d'usage signé d'un ESSMS : --finess ET --debut AAAA-MM-JJ --fin AAAA-MM-JJ [--sortie fichier.jws] (certificat Pilotage:CertificatSignatureChemin)",
        ["help"] = "affiche cette aide",
    };

    public static bool EstUneCommande(string arg) => Aide.ContainsKey(arg) || arg is "--help";

    public static async Task<int> ExecuterAsync(string[] args)
    {
        var commande = args[0];
        if (commande is "help" or "--help")
        {
            Console.WriteLine("Commandes OpenDUI :");
            foreach (var (nom, texte) in Aide) Console.WriteLine($"  {nom,-21} {texte}");
            return 0;
        }
        var options = Options(args[1..]);
        var builder = WebApplication.CreateBuilder(args[1..].Where(a => a.Contains('=') && a.StartsWith("--")).ToArray());
        builder.AjouterOpenDui();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddScoped<IAuteur>(_ => new AuteurSysteme($"commande {commande}"));
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        try
        {
            switch (commande)
            {
                case "migrate":
                    await db.Database.MigrateAsync();
                    await Nomenclature.ChargerSiVideAsync(db);
                    Console.WriteLine($"Base à jour ({Base.Fournisseur(app.Configuration)}).");
                    return 0;
                case "create-admin":
                    return await CreerAdminAsync(scope.ServiceProvider, db, options);
                case "confirm-habilitations":
                {
                    if (!options.TryGetValue("email", out var courriel)) return Erreur("--email est obligatoire.");
                    var r = await scope.ServiceProvider.GetRequiredService<GestionProfessionnels>().ConfirmerEnInstallationAsync(courriel, CancellationToken.None);
                    if (!r.EstOk) return Erreur($"Aucun compte {courriel}.");
                    Console.WriteLine($"{r.Valeur} habilitation(s) de {courriel} rendue(s) effective(s).");
                    return 0;
                }
                case "import-finess":
                {
                    if (!options.TryGetValue("categories", out var categories)) return Erreur("--categories fichier.xml est obligatoire.");
                    var progres = new Progress<(int Fait, int Total)>(p => Console.Write($"\r  {p.Fait}/{p.Total} entrées"));
                    var (c, s) = await Nomenclature.ImporterFichiersAsync(db, categories, options.GetValueOrDefault("statuts"), progres, CancellationToken.None);
                    Console.WriteLine($"\nNomenclature FINESS importée : {c} catégories, {s} statuts juridiques.");
                    return 0;
                }
                case "import-bdpm":
                {
                    if (!options.TryGetValue("dossier", out var dossier)) return Erreur("--dossier D (le dossier des fichiers BDPM téléchargés) est obligatoire.");
                    if (!Directory.Exists(dossier)) return Erreur($"Dossier introuvable : {dossier}");
                    var bilan = await scope.ServiceProvider.GetRequiredService<Features.Medicaments.ImportBdpm>()
                        .ImporterAsync(Features.Medicaments.SourceBdpm.Dossier(dossier), new Progress<string>(p => Console.Write($"\r  {p}        ")), CancellationToken.None);
                    Console.WriteLine($"\nBase des médicaments importée : {bilan.Specialites} spécialités, {bilan.Presentations} présentations, "
                        + $"{bilan.Compositions} lignes de composition, {bilan.Groupes} appartenances à un groupe générique ; "
                        + $"{bilan.RetireesConservees} spécialité(s) retirée(s) conservée(s) car prescrites, {bilan.Supprimees} supprimée(s).");
                    foreach (var a in bilan.Avertissements) Console.WriteLine("  " + a);
                    return 0;
                }
                case "export-usage":
                    return await ExporterUsageAsync(scope.ServiceProvider, options);
                case "seed-demo":
                {
                    if (await db.Organismes.AnyAsync()) return Erreur("La base contient déjà des structures : les données de démonstration ne se chargent que dans une base vide.");
                    var n = int.TryParse(options.GetValueOrDefault("usagers"), out var x) ? x : 80;
                    await DonneesDemo.ChargerAsync(scope.ServiceProvider, n);
                    Console.WriteLine($"Données de démonstration chargées ({n} usagers). Comptes : {string.Join(", ", DonneesDemo.Comptes.Select(c => $"{c.Login}@{DonneesDemo.Domaine}"))}.");
                    return 0;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or System.Xml.XmlException or DbUpdateException)
        {
            return Erreur(e.Message);
        }
        return Erreur($"Commande inconnue : {commande}");
    }

    private static async Task<int> CreerAdminAsync(IServiceProvider sp, OpenDuiDbContext db, Dictionary<string, string> o)
    {
        if (!o.TryGetValue("email", out var email) || !o.TryGetValue("nom", out var nom) || !o.TryGetValue("prenom", out var prenom))
            return Erreur("--email, --nom et --prenom sont obligatoires.");
        var motDePasse = Environment.GetEnvironmentVariable("OPENDUI_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(motDePasse))
        {
            Console.Error.Write("Mot de passe (12 caractères au moins) : ");
            motDePasse = Console.ReadLine() ?? "";
        }
        var gestion = sp.GetRequiredService<GestionProfessionnels>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var r = await gestion.CreerAsync(new NouveauProfessionnel(nom, prenom, email, null, "Administrateur", motDePasse), CancellationToken.None, provisoire: false);
        if (!r.EstOk) return Erreur(string.Join(" ", r.Erreurs.Messages));
        var h = await gestion.HabiliterAsync(r.Valeur, new NouvelleHabilitation(Role.Administrateur, null, null, null), CancellationToken.None);
        if (!h.EstOk) return Erreur(string.Join(" ", h.Erreurs.Messages));
        await tx.CommitAsync();
        Console.WriteLine($"Administrateur {email} créé. Le second facteur sera demandé à la première connexion.");
        return 0;
    }

    private static async Task<int> ExporterUsageAsync(IServiceProvider sp, Dictionary<string, string> o)
    {
        static DateOnly? Date(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) ? d : null;
        if (!o.TryGetValue("finess", out var finess) || Date(o.GetValueOrDefault("debut")) is not { } debut || Date(o.GetValueOrDefault("fin")) is not { } fin)
            return Erreur("--finess, --debut et --fin (AAAA-MM-JJ) sont obligatoires.");
        try
        {
            var r = await sp.GetRequiredService<Features.Pilotage.ExportRapportUsage>()
                .ExporterEnAdministrationAsync(new Features.Pilotage.DemandeRapportUsage(finess, debut, fin), CancellationToken.None);
            if (r.Statut == StatutResultat.Introuvable) return Erreur($"Aucun ESSMS de FINESS {finess} dans cette base.");
            if (!r.EstOk) return Erreur(string.Join(" ", r.Erreurs.Messages));
            var rapport = r.Valeur!;
            var sortie = o.GetValueOrDefault("sortie") ?? rapport.NomFichier;
            await File.WriteAllTextAsync(sortie, rapport.Jws);
            Console.WriteLine($"Rapport {rapport.Id} signé pour {rapport.FinessEt}, du {rapport.Debut:dd/MM/yyyy} au {rapport.Fin:dd/MM/yyyy} : "
                + string.Join(", ", rapport.Indicateurs.Select(i => $"{i.Code} {i.Numerateur}/{i.Denominateur}")) + $". Écrit dans {sortie}.");
            return 0;
        }
        catch (Features.Pilotage.SignatureIndisponibleException e) { return Erreur(e.Message); }
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var o = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--") && !args[i].Contains('=') && i + 1 < args.Length) o[args[i][2..]] = args[++i];
        return o;
    }

    private static int Erreur(string message)
    {
        Console.Error.WriteLine("Erreur : " + message);
        return 1;
    }
}
