using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Evaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GrillesEvaluation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Nom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Nature = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Integree = table.Column<bool>(type: "INTEGER", nullable: false),
                    Champs = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PeriodiciteJours = table.Column<int>(type: "INTEGER", nullable: true),
                    Evaluateurs = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrillesEvaluation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrillesEvaluation_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VersionsGrille",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrilleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Numero = table.Column<int>(type: "INTEGER", nullable: false),
                    Definition = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    CreeeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    CreeeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VersionsGrille", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VersionsGrille_GrillesEvaluation_GrilleId",
                        column: x => x.GrilleId,
                        principalTable: "GrillesEvaluation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrilleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionGrilleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DateEvaluation = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Statut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RoleAuteur = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreeeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    ModifieeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    ValideeLe = table.Column<long>(type: "INTEGER", nullable: true),
                    Reponses = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    Commentaire = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Score = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Interpretation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Gir = table.Column<int>(type: "INTEGER", nullable: true),
                    Rang = table.Column<int>(type: "INTEGER", nullable: true),
                    GroupeAggir = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RemplaceEvaluationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_Evaluations_RemplaceEvaluationId",
                        column: x => x.RemplaceEvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_GrillesEvaluation_GrilleId",
                        column: x => x.GrilleId,
                        principalTable: "GrillesEvaluation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_VersionsGrille_VersionGrilleId",
                        column: x => x.VersionGrilleId,
                        principalTable: "VersionsGrille",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "GrillesEvaluation",
                columns: new[] { "Id", "Active", "Champs", "Code", "Description", "EssmsId", "Evaluateurs", "Integree", "Nature", "Nom", "PeriodiciteJours", "Version" },
                values: new object[,]
                {
                    { new Guid("6a0e0001-0000-4000-8000-000000000001"), true, "PA,DOM", "aggir", "Grille nationale d'autonomie gérontologique (CASF annexe 2-1) : dix variables discriminantes et sept illustratives ; le GIR est calculé par l'algorithme légal (annexe 2-2).", null, "Medecin,Infirmier,ChefDeService", true, "Aggir", "AGGIR (autonomie, GIR)", 365, 0u },
                    { new Guid("6a0e0001-0000-4000-8000-000000000002"), true, "PH", "serafin-ph", "Les besoins de la nomenclature SERAFIN-PH (santé, autonomie, participation sociale) : présents ou non, leur intensité et un commentaire.", null, "Educateur,Psychologue,ChefDeService,Infirmier,Medecin,AideSoignant", true, "SerafinPh", "Besoins SERAFIN-PH", 365, 0u },
                    { new Guid("6a0e0001-0000-4000-8000-000000000003"), true, "PA,DOM,PH", "braden", "Six items cotés de 1 à 4 (friction de 1 à 3) : plus le total est bas, plus le risque d'escarre est élevé.", null, "Infirmier,AideSoignant,Medecin", true, "Personnalisee", "Échelle de Braden (risque d'escarre)", 90, 0u },
                    { new Guid("6a0e0001-0000-4000-8000-000000000004"), true, "PA,DOM", "mna-sf", "Mini Nutritional Assessment® (Nestlé), forme courte de dépistage : six questions, total sur 14.", null, "Infirmier,AideSoignant,Medecin", true, "Personnalisee", "MNA forme courte (dépistage de la dénutrition)", 180, 0u },
                    { new Guid("6a0e0001-0000-4000-8000-000000000005"), true, "", "douleur-en", "La personne dit elle-même l'intensité de sa douleur, de 0 (pas de douleur) à 10 (la pire imaginable). Pour qui ne peut pas le dire : Algoplus.", null, "Infirmier,AideSoignant,Medecin", true, "Personnalisee", "Douleur : échelle numérique (0 à 10)", null, 0u },
                    { new Guid("6a0e0001-0000-4000-8000-000000000006"), true, "PA,DOM,PH", "algoplus", "Cinq observations, oui ou non ; deux « oui » ou plus : douleur probable, à traiter et à réévaluer.", null, "Infirmier,AideSoignant,Medecin", true, "Personnalisee", "Douleur : Algoplus (personne qui ne peut pas s'exprimer)", null, 0u }
                });

            migrationBuilder.InsertData(
                table: "VersionsGrille",
                columns: new[] { "Id", "CreeeLe", "CreeeParNom", "Definition", "GrilleId", "Numero" },
                values: new object[,]
                {
                    { new Guid("6a0e0001-0000-4000-8000-000000000101"), 1309327884288000000L, "OpenDUI (grille de référence)", "{\"items\":[],\"seuils\":[],\"regle\":\"Somme\"}", new Guid("6a0e0001-0000-4000-8000-000000000001"), 1 },
                    { new Guid("6a0e0001-0000-4000-8000-000000000102"), 1309327884288000000L, "OpenDUI (grille de référence)", "{\"items\":[],\"seuils\":[],\"regle\":\"Somme\"}", new Guid("6a0e0001-0000-4000-8000-000000000002"), 1 },
                    { new Guid("6a0e0001-0000-4000-8000-000000000103"), 1309327884288000000L, "OpenDUI (grille de référence)", "{\"items\":[{\"code\":\"perception\",\"libelle\":\"Perception sensorielle\",\"type\":\"Choix\",\"aide\":\"Capacit\\u00E9 \\u00E0 ressentir et \\u00E0 exprimer une g\\u00EAne li\\u00E9e \\u00E0 la pression.\",\"options\":[{\"libelle\":\"Compl\\u00E8tement limit\\u00E9e\",\"points\":1},{\"libelle\":\"Tr\\u00E8s limit\\u00E9e\",\"points\":2},{\"libelle\":\"L\\u00E9g\\u00E8rement limit\\u00E9e\",\"points\":3},{\"libelle\":\"Aucune atteinte\",\"points\":4}],\"obligatoire\":true},{\"code\":\"humidite\",\"libelle\":\"Humidit\\u00E9\",\"type\":\"Choix\",\"aide\":\"\\u00C0 quel point la peau est expos\\u00E9e \\u00E0 l\\u0027humidit\\u00E9 (transpiration, urines...).\",\"options\":[{\"libelle\":\"Constamment humide\",\"points\":1},{\"libelle\":\"Tr\\u00E8s humide\",\"points\":2},{\"libelle\":\"Parfois humide\",\"points\":3},{\"libelle\":\"Rarement humide\",\"points\":4}],\"obligatoire\":true},{\"code\":\"activite\",\"libelle\":\"Activit\\u00E9\",\"type\":\"Choix\",\"aide\":\"Degr\\u00E9 d\\u0027activit\\u00E9 physique.\",\"options\":[{\"libelle\":\"Alit\\u00E9e\",\"points\":1},{\"libelle\":\"Au fauteuil\",\"points\":2},{\"libelle\":\"Marche parfois\",\"points\":3},{\"libelle\":\"Marche fr\\u00E9quemment\",\"points\":4}],\"obligatoire\":true},{\"code\":\"mobilite\",\"libelle\":\"Mobilit\\u00E9\",\"type\":\"Choix\",\"aide\":\"Capacit\\u00E9 \\u00E0 changer et \\u00E0 contr\\u00F4ler la position du corps.\",\"options\":[{\"libelle\":\"Compl\\u00E8tement immobile\",\"points\":1},{\"libelle\":\"Tr\\u00E8s limit\\u00E9e\",\"points\":2},{\"libelle\":\"L\\u00E9g\\u00E8rement limit\\u00E9e\",\"points\":3},{\"libelle\":\"Aucune limitation\",\"points\":4}],\"obligatoire\":true},{\"code\":\"nutrition\",\"libelle\":\"Nutrition\",\"type\":\"Choix\",\"aide\":\"Habitudes alimentaires.\",\"options\":[{\"libelle\":\"Tr\\u00E8s pauvre\",\"points\":1},{\"libelle\":\"Probablement inad\\u00E9quate\",\"points\":2},{\"libelle\":\"Ad\\u00E9quate\",\"points\":3},{\"libelle\":\"Excellente\",\"points\":4}],\"obligatoire\":true},{\"code\":\"friction\",\"libelle\":\"Friction et cisaillement\",\"type\":\"Choix\",\"aide\":\"Glisse-t-elle dans le lit ou le fauteuil ?\",\"options\":[{\"libelle\":\"Probl\\u00E8me\",\"points\":1},{\"libelle\":\"Probl\\u00E8me potentiel\",\"points\":2},{\"libelle\":\"Pas de probl\\u00E8me apparent\",\"points\":3}],\"obligatoire\":true}],\"seuils\":[{\"minimum\":6,\"maximum\":9,\"interpretation\":\"Risque tr\\u00E8s \\u00E9lev\\u00E9\"},{\"minimum\":10,\"maximum\":12,\"interpretation\":\"Risque \\u00E9lev\\u00E9\"},{\"minimum\":13,\"maximum\":14,\"interpretation\":\"Risque mod\\u00E9r\\u00E9\"},{\"minimum\":15,\"maximum\":18,\"interpretation\":\"Risque faible\"},{\"minimum\":19,\"maximum\":23,\"interpretation\":\"Pas de risque\"}],\"regle\":\"Somme\"}", new Guid("6a0e0001-0000-4000-8000-000000000003"), 1 },
                    { new Guid("6a0e0001-0000-4000-8000-000000000104"), 1309327884288000000L, "OpenDUI (grille de référence)", "{\"items\":[{\"code\":\"appetit\",\"libelle\":\"Baisse des prises alimentaires ces 3 derniers mois\",\"type\":\"Choix\",\"aide\":\"Manque d\\u0027app\\u00E9tit, troubles digestifs, difficult\\u00E9s \\u00E0 m\\u00E2cher ou \\u00E0 avaler.\",\"options\":[{\"libelle\":\"Baisse s\\u00E9v\\u00E8re\",\"points\":0},{\"libelle\":\"L\\u00E9g\\u00E8re baisse\",\"points\":1},{\"libelle\":\"Pas de baisse\",\"points\":2}],\"obligatoire\":true},{\"code\":\"poids\",\"libelle\":\"Perte de poids ces 3 derniers mois\",\"type\":\"Choix\",\"aide\":\"\",\"options\":[{\"libelle\":\"Plus de 3 kg\",\"points\":0},{\"libelle\":\"Ne sait pas\",\"points\":1},{\"libelle\":\"Entre 1 et 3 kg\",\"points\":2},{\"libelle\":\"Pas de perte\",\"points\":3}],\"obligatoire\":true},{\"code\":\"motricite\",\"libelle\":\"Motricit\\u00E9\",\"type\":\"Choix\",\"aide\":\"\",\"options\":[{\"libelle\":\"Du lit au fauteuil\",\"points\":0},{\"libelle\":\"Autonome \\u00E0 l\\u0027int\\u00E9rieur\",\"points\":1},{\"libelle\":\"Sort de chez elle\",\"points\":2}],\"obligatoire\":true},{\"code\":\"stress\",\"libelle\":\"Maladie aigu\\u00EB ou stress psychologique ces 3 derniers mois\",\"type\":\"Choix\",\"aide\":\"\",\"options\":[{\"libelle\":\"Oui\",\"points\":0},{\"libelle\":\"Non\",\"points\":2}],\"obligatoire\":true},{\"code\":\"neuropsy\",\"libelle\":\"Probl\\u00E8mes neuropsychologiques\",\"type\":\"Choix\",\"aide\":\"\",\"options\":[{\"libelle\":\"D\\u00E9mence ou d\\u00E9pression s\\u00E9v\\u00E8re\",\"points\":0},{\"libelle\":\"D\\u00E9mence l\\u00E9g\\u00E8re\",\"points\":1},{\"libelle\":\"Pas de probl\\u00E8me\",\"points\":2}],\"obligatoire\":true},{\"code\":\"imc\",\"libelle\":\"Indice de masse corporelle (ou, s\\u0027il ne peut \\u00EAtre mesur\\u00E9, tour de mollet)\",\"type\":\"Choix\",\"aide\":\"IMC = poids (kg) / taille (m)\\u00B2.\",\"options\":[{\"libelle\":\"IMC inf\\u00E9rieur \\u00E0 19\",\"points\":0},{\"libelle\":\"IMC de 19 \\u00E0 moins de 21\",\"points\":1},{\"libelle\":\"IMC de 21 \\u00E0 moins de 23\",\"points\":2},{\"libelle\":\"IMC de 23 ou plus\",\"points\":3},{\"libelle\":\"Tour de mollet inf\\u00E9rieur \\u00E0 31 cm\",\"points\":0},{\"libelle\":\"Tour de mollet de 31 cm ou plus\",\"points\":3}],\"obligatoire\":true}],\"seuils\":[{\"minimum\":0,\"maximum\":7,\"interpretation\":\"D\\u00E9nutrition\"},{\"minimum\":8,\"maximum\":11,\"interpretation\":\"Risque de d\\u00E9nutrition\"},{\"minimum\":12,\"maximum\":14,\"interpretation\":\"\\u00C9tat nutritionnel normal\"}],\"regle\":\"Somme\"}", new Guid("6a0e0001-0000-4000-8000-000000000004"), 1 },
                    { new Guid("6a0e0001-0000-4000-8000-000000000105"), 1309327884288000000L, "OpenDUI (grille de référence)", "{\"items\":[{\"code\":\"intensite\",\"libelle\":\"Intensit\\u00E9 de la douleur\",\"type\":\"Nombre\",\"aide\":\"0 : aucune douleur ; 10 : la pire douleur imaginable.\",\"minimum\":0,\"maximum\":10,\"obligatoire\":true}],\"seuils\":[{\"minimum\":0,\"maximum\":0,\"interpretation\":\"Pas de douleur\"},{\"minimum\":0.01,\"maximum\":3,\"interpretation\":\"Douleur l\\u00E9g\\u00E8re\"},{\"minimum\":3.01,\"maximum\":6,\"interpretation\":\"Douleur mod\\u00E9r\\u00E9e\"},{\"minimum\":6.01,\"maximum\":10,\"interpretation\":\"Douleur intense\"}],\"regle\":\"Somme\"}", new Guid("6a0e0001-0000-4000-8000-000000000005"), 1 },
                    { new Guid("6a0e0001-0000-4000-8000-000000000106"), 1309327884288000000L, "OpenDUI (grille de référence)", "{\"items\":[{\"code\":\"visage\",\"libelle\":\"Visage\",\"type\":\"OuiNon\",\"aide\":\"Froncement des sourcils, grimaces, crispation, m\\u00E2choires serr\\u00E9es, visage fig\\u00E9.\",\"obligatoire\":true},{\"code\":\"regard\",\"libelle\":\"Regard\",\"type\":\"OuiNon\",\"aide\":\"Regard inattentif, fig\\u00E9, lointain ou suppliant, pleurs, yeux ferm\\u00E9s.\",\"obligatoire\":true},{\"code\":\"plaintes\",\"libelle\":\"Plaintes\",\"type\":\"OuiNon\",\"aide\":\"\\u00AB A\\u00EFe \\u00BB, \\u00AB \\u00E7a fait mal \\u00BB, g\\u00E9missements, cris.\",\"obligatoire\":true},{\"code\":\"corps\",\"libelle\":\"Corps\",\"type\":\"OuiNon\",\"aide\":\"Retrait ou protection d\\u0027une zone, refus de mobilisation, attitude fig\\u00E9e.\",\"obligatoire\":true},{\"code\":\"comportements\",\"libelle\":\"Comportements\",\"type\":\"OuiNon\",\"aide\":\"Agitation ou agressivit\\u00E9, agrippement.\",\"obligatoire\":true}],\"seuils\":[{\"minimum\":0,\"maximum\":1,\"interpretation\":\"Douleur peu probable\"},{\"minimum\":2,\"maximum\":5,\"interpretation\":\"Douleur probable : la traiter et r\\u00E9\\u00E9valuer\"}],\"regle\":\"Somme\"}", new Guid("6a0e0001-0000-4000-8000-000000000006"), 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_EssmsId",
                table: "Evaluations",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_GrilleId",
                table: "Evaluations",
                column: "GrilleId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_RemplaceEvaluationId",
                table: "Evaluations",
                column: "RemplaceEvaluationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_UsagerId_GrilleId_Statut_DateEvaluation",
                table: "Evaluations",
                columns: new[] { "UsagerId", "GrilleId", "Statut", "DateEvaluation" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_VersionGrilleId",
                table: "Evaluations",
                column: "VersionGrilleId");

            migrationBuilder.CreateIndex(
                name: "IX_GrillesEvaluation_Code",
                table: "GrillesEvaluation",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GrillesEvaluation_EssmsId",
                table: "GrillesEvaluation",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_VersionsGrille_GrilleId_Numero",
                table: "VersionsGrille",
                columns: new[] { "GrilleId", "Numero" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "VersionsGrille");

            migrationBuilder.DropTable(
                name: "GrillesEvaluation");
        }
    }
}
