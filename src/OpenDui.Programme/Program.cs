using OpenDui.Programme.Infrastructure;
using OpenDui.Programme.Infrastructure.Cli;

// The ESMS numérique programme console (ARS / CNSA / DNS and porteurs). It never holds usager records.
if (LigneDeCommande.EstUneCommande(args)) return await LigneDeCommande.ExecuterAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AjouterProgramme();
var app = builder.Build();
await app.PreparerBaseAsync();
app.UtiliserProgramme();
await app.RunAsync();
return 0;

public partial class Program;
