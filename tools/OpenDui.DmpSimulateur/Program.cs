using System.Security.Cryptography.X509Certificates;

// Standalone use (development):
//   dotnet run --project tools/OpenDui.DmpSimulateur -- generer-certificats /tmp/dmp motdepasse
//   dotnet run --project tools/OpenDui.DmpSimulateur -- servir /tmp/dmp motdepasse 9444
// then configure the DUI with Dmp:EndpointPatients=https://127.0.0.1:9444/dmp/patients, Dmp:EndpointRegistre=…/dmp/registre,
// Dmp:EndpointDepot=…/dmp/depot, Dmp:CertificatChemin=/tmp/dmp/client.pfx, Dmp:CertificatMotDePasse=motdepasse,
// Dmp:AutoriteServeurChemin=/tmp/dmp/autorite.pem, Dmp:AccepterOidTest=true.

namespace OpenDui.DmpSimulateur;

/// <summary>Command-line entry of the standalone simulator (a named class: the DUI host owns `Program`).</summary>
public static class PointEntree
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["generer-certificats", var dossier, var motDePasse]:
                InsiSimulateur.Certificats.Ecrire(dossier, motDePasse);
                Console.WriteLine($"Certificats de test écrits dans {dossier} (autorite.pem, serveur.pfx, client.pfx).");
                return 0;
            case ["servir", var dossier, var motDePasse, var port]:
            {
                var autorite = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(dossier, "autorite.pfx"), motDePasse);
                var serveur = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(dossier, "serveur.pfx"), motDePasse);
                var sim = await SimulateurDmp.DemarrerAsync(serveur, autorite, int.Parse(port));
                Console.WriteLine($"Simulateur DMP à l'écoute sur {sim.Url} (/dmp/patients, /dmp/registre, /dmp/depot ; pannes : POST /controle/panne?mode=Delai&nombre=1). Ctrl+C pour arrêter.");
                await sim.App.WaitForShutdownAsync();
                return 0;
            }
            default:
                Console.Error.WriteLine("Usage : generer-certificats <dossier> <mot de passe> | servir <dossier> <mot de passe> <port>");
                return 2;
        }
    }
}
