-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "ciHandlesJson" TEXT NOT NULL DEFAULT '[]';
