using System.Text.Json.Serialization;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;

// The ESMS numérique programme console (ARS / CNSA). This first slice serves the programme's rules: the
// funding simulation of a grappe. It never holds usager records.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddJsonConsole();
builder.Services.AddProblemDetails();
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false); // malformed JSON: 400, also in Development
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1_000_000);
var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapGet("/health", () => Results.Ok("Healthy"));
app.MapOpenApi();
// Public on purpose: the programme's rules are public and the simulation holds no personal data (FINESS numbers
// and categories of establishments only). Everything that stores or decides will require an account.
app.MapPost("/api/financement/simulation", (DemandeSimulation? d) =>
    {
        if (d?.Essms is null || d.Essms.Count == 0)
            return Results.Problem(statusCode: 400, title: "Déclarez au moins un ESSMS (FINESS ET et catégorie).");
        if (d.Essms.Count > 5_000)
            return Results.Problem(statusCode: 400, title: "Une grappe ne peut pas dépasser 5 000 ESSMS dans une simulation.");
        if (!Enum.IsDefined(d.TypeProjet))
            return Results.Problem(statusCode: 400, title: "Type de projet inconnu (Acquisition, MonteeDeVersion ou Mixte).");
        return Results.Ok(Eligibilite.Simuler(d, ParametresCampagne.Defaut2025, Referentiels.Courant));
    })
    .WithTags("Financement");
app.Run();

public partial class Program;
