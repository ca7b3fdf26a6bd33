-- AlterTable
ALTER TABLE "Swatch" ADD COLUMN "cropX" REAL;
ALTER TABLE "Swatch" ADD COLUMN "cropY" REAL;

