"use client";

import { useId, useState, type DragEvent } from "react";

/**
 * A labelled file chooser that also takes files dropped on it, and says how many are chosen.
 * Used by the certificate import and the artifact scan, which upload what it hands them.
 */
export function FileDropzone({
  label,
  hint,
  files,
  disabled,
  onFiles,
  testId,
}: {
  label: string;
  hint: string;
  files: File[];
  disabled: boolean;
  onFiles: (files: File[]) => void;
  /** prefix of the test ids: `${testId}-dropzone` and, for the "N files selected" line, `${testId}-selected` */
  testId: string;
}) {
  const inputId = useId();
  const [isDragging, setIsDragging] = useState(false);

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setIsDragging(false);
    if (!disabled) onFiles(Array.from(event.dataTransfer.files));
  }

  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setIsDragging(true);
      }}
      onDragLeave={() => setIsDragging(false)}
      onDrop={onDrop}
      data-testid={`${testId}-dropzone`}
      className={`rounded-lg border-2 border-dashed p-6 text-center ${isDragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-slate-50"}`}
    >
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <p id={`${inputId}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <input
        id={inputId}
        aria-describedby={`${inputId}-hint`}
        type="file"
        multiple
        disabled={disabled}
        onChange={(e) => onFiles(Array.from(e.target.files ?? []))}
        className="mx-auto mt-3 block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm focus-visible:outline-2 focus-visible:outline-indigo-500"
      />
      {files.length > 0 ? (
        <p className="mt-2 text-sm text-slate-700" data-testid={`${testId}-selected`}>
          {files.length} {files.length === 1 ? "file" : "files"} selected
        </p>
      ) : null}
    </div>
  );
}
