using OpenDui.Web.Hote;
using OpenDui.Web.Hote.Cli;

// `dotnet run --project src/OpenDui.Web -- <command>` runs an administration command instead of the web host.
if (args.Length > 0 && LigneDeCommande.EstUneCommande(args[0]))
    return await LigneDeCommande.ExecuterAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AjouterOpenDui();
var app = builder.Build();
await app.PreparerBaseAsync();
app.UtiliserOpenDui();
await app.RunAsync();
return 0;

public partial class Program;
