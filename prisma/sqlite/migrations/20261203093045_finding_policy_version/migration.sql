-- AlterTable
ALTER TABLE "Finding" ADD COLUMN "policyVersion" INTEGER;
