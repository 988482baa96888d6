using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Messagerie : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MessagesMss",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Sens = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Etat = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MessageIdMime = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Boite = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Expediteur = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Destinataires = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Objet = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    Corps = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    AvecXdm = table.Column<bool>(type: "INTEGER", nullable: false),
                    VersPatient = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccuseLectureDemande = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    EnvoyeLe = table.Column<long>(type: "INTEGER", nullable: true),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Remarque = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CleMime = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TraiteLe = table.Column<long>(type: "INTEGER", nullable: true),
                    TraiteParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessagesMss", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessagesMss_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MessagesMss_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartenairesMss",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Nom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prenom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Profession = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Adresse = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Rpps = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    OrganismeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Actif = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartenairesMss", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartenairesMss_Organismes_OrganismeId",
                        column: x => x.OrganismeId,
                        principalTable: "Organismes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AccusesMss",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    De = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RecuLe = table.Column<long>(type: "INTEGER", nullable: false),
                    MessageIdMime = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccusesMss", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccusesMss_MessagesMss_MessageId",
                        column: x => x.MessageId,
                        principalTable: "MessagesMss",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PiecesMss",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NomFichier = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TypeContenu = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Taille = table.Column<long>(type: "INTEGER", nullable: false),
                    Empreinte = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CleStockage = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DansXdm = table.Column<bool>(type: "INTEGER", nullable: false),
                    CodeType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Refus = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PiecesMss", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PiecesMss_MessagesMss_MessageId",
                        column: x => x.MessageId,
                        principalTable: "MessagesMss",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccusesMss_MessageId_MessageIdMime",
                table: "AccusesMss",
                columns: new[] { "MessageId", "MessageIdMime" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessagesMss_EssmsId",
                table: "MessagesMss",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_MessagesMss_Etat",
                table: "MessagesMss",
                column: "Etat");

            migrationBuilder.CreateIndex(
                name: "IX_MessagesMss_Sens_Boite_MessageIdMime",
                table: "MessagesMss",
                columns: new[] { "Sens", "Boite", "MessageIdMime" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessagesMss_UsagerId_CreeLe",
                table: "MessagesMss",
                columns: new[] { "UsagerId", "CreeLe" });

            migrationBuilder.CreateIndex(
                name: "IX_PartenairesMss_OrganismeId_Adresse",
                table: "PartenairesMss",
                columns: new[] { "OrganismeId", "Adresse" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PiecesMss_MessageId",
                table: "PiecesMss",
                column: "MessageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccusesMss");

            migrationBuilder.DropTable(
                name: "PartenairesMss");

            migrationBuilder.DropTable(
                name: "PiecesMss");

            migrationBuilder.DropTable(
                name: "MessagesMss");
        }
    }
}
