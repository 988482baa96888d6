using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Demo;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Infrastructure.Cli;

/// <summary>Administration commands: `dotnet run --project src/OpenDui.Programme -- &lt;command&gt;`, same configuration as the host.</summary>
public static class LigneDeCommande
{
    private static readonly Dictionary<string, string> Aide = new()
    {
        ["migrate"] = "applique les migrations de la base configurée et crée la campagne 2025 (obligatoire avant le premier démarrage sur PostgreSQL)",
        ["create-user"] = "crée un compte : --email E --nom N --prenom P --profil Administrateur|Cnsa|Dns|InstructeurArs [--region CODE] ; mot de passe lu dans PROGRAMME_PASSWORD ou sur l'entrée standard",
        ["seed-demo"] = "charge les données de démonstration synthétiques (18 ARS, campagne 2025, projets) dans une base vide : [--projets N]",
        ["import-projets"] = "importe les projets financés des campagnes passées d'un fichier CSV (docs/import-projets-finances.md), tout ou rien, ré-import sans effet : --fichier CHEMIN",
        ["help"] = "affiche cette aide",
    };

    public static bool EstUneCommande(string[] args) => args.Length > 0 && (Aide.ContainsKey(args[0]) || args[0] == "--help");

    public static async Task<int> ExecuterAsync(string[] args)
    {
        var commande = args[0];
        if (commande is "help" or "--help")
        {
            Console.WriteLine("Commandes de la console ESMS numérique :");
            foreach (var (nom, texte) in Aide) Console.WriteLine($"  {nom,-12} {texte}");
            return 0;
        }
        var options = Options(args[1..]);
        var builder = WebApplication.CreateBuilder(args[1..].Where(a => a.Contains('=') && a.StartsWith("--")).ToArray());
        builder.AjouterProgramme();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProgrammeDbContext>();
        try
        {
            switch (commande)
            {
                case "migrate":
                    await db.Database.MigrateAsync();
                    await Campagnes.AssurerAsync(db, ParametresCampagne.Defaut2025);
                    Console.WriteLine($"Base à jour ({Base.Fournisseur(app.Configuration)}).");
                    return 0;
                case "create-user":
                    return await CreerUtilisateurAsync(scope.ServiceProvider, options);
                case "import-projets":
                    return await ImporterProjetsAsync(scope.ServiceProvider, options);
                case "seed-demo":
                {
                    if (await db.Candidatures.AnyAsync()) return Erreur("La base contient déjà des candidatures : la démonstration ne se charge que dans une base vide.");
                    var n = int.TryParse(options.GetValueOrDefault("projets"), out var x) ? x : 300;
                    var progres = new Progress<int>(i => Console.Write($"\r  {i}/{n} projets"));
                    await DonneesDemo.ChargerAsync(scope.ServiceProvider, n, progres);
                    Console.WriteLine($"\nDonnées de démonstration chargées ({n} projets). Comptes : {string.Join(", ", DonneesDemo.Comptes.Select(c => c.Email))}.");
                    return 0;
                }
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            return Erreur(e.Message);
        }
        return Erreur($"Commande inconnue : {commande}");
    }

    private static async Task<int> CreerUtilisateurAsync(IServiceProvider sp, Dictionary<string, string> o)
    {
        if (!o.TryGetValue("email", out var email) || !o.TryGetValue("nom", out var nom) || !o.TryGetValue("prenom", out var prenom)
            || !Enum.TryParse<Profil>(o.GetValueOrDefault("profil"), out var profil) || profil == Profil.Porteur)
            return Erreur("--email, --nom, --prenom et --profil (Administrateur, Cnsa, Dns ou InstructeurArs) sont obligatoires ; les comptes des porteurs se créent dans la console (page Comptes de l'administrateur), qui les rattache à leur organisme.");
        var region = o.GetValueOrDefault("region");
        if (profil == Profil.InstructeurArs && (region is null || !Referentiel.Nomenclatures.Referentiels.Courant.Regions.ContainsKey(region)))
            return Erreur("--region (code INSEE de la région de l'ARS) est obligatoire pour un instructeur.");
        var mdp = Environment.GetEnvironmentVariable("PROGRAMME_PASSWORD") ?? Console.ReadLine() ?? "";
        var users = sp.GetRequiredService<UserManager<Utilisateur>>();
        var u = new Utilisateur { UserName = email, Email = email, Nom = nom, Prenom = prenom, Profil = profil, RegionCode = profil == Profil.InstructeurArs ? region : null };
        var r = await users.CreateAsync(u, mdp);
        if (!r.Succeeded) return Erreur(string.Join(" ", r.Errors.Select(e => e.Description)));
        Console.WriteLine($"Compte {email} créé ({profil}).");
        return 0;
    }

    private static async Task<int> ImporterProjetsAsync(IServiceProvider sp, Dictionary<string, string> o)
    {
        if (!o.TryGetValue("fichier", out var chemin) || !File.Exists(chemin)) return Erreur("--fichier CHEMIN d'un fichier CSV existant est obligatoire.");
        try
        {
            var lignes = Features.Atlas.ImportProjets.LireCsv(await File.ReadAllTextAsync(chemin, System.Text.Encoding.UTF8));
            var n = lignes.Count;
            var derniere = -1;
            var progres = new ProgressionConsole(i =>
            {
                var pc = n == 0 ? 100 : i * 100 / n;
                if (pc != derniere) Console.Write($"\r  Vérification : {i}/{n} lignes ({derniere = pc} %)");
            });
            var r = await sp.GetRequiredService<Features.Atlas.ImportProjets>().ImporterAsync(lignes, progres);
            Console.WriteLine();
            if (!r.EstOk)
            {
                foreach (var m in r.Erreurs.Messages) Console.Error.WriteLine(m);
                return 1;
            }
            var b = r.Valeur!;
            Console.WriteLine($"Import terminé : {b.Lignes} lignes, {b.Projets} projets ({b.Crees} créés, {b.MisAJour} mis à jour, {b.Inchanges} inchangés), "
                + $"{b.PorteursCrees} porteurs créés{(b.AnneesCreees.Count > 0 ? ", années ajoutées : " + string.Join(", ", b.AnneesCreees) : "")}.");
            return 0;
        }
        catch (Features.Candidatures.RegleException e)
        {
            return Erreur(e.Message);
        }
    }

    private sealed class ProgressionConsole(Action<int> action) : IProgress<int>
    {
        public void Report(int value) => action(value);
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var o = new Dictionary<string, string>();
        for (var i = 0; i < args.Length - 1; i++)
            if (args[i].StartsWith("--") && !args[i].Contains('=')) o[args[i][2..]] = args[++i];
        return o;
    }

    private static int Erreur(string message)
    {
        Console.Error.WriteLine("Erreur : " + message);
        return 1;
    }
}
