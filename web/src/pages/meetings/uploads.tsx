// The documents and the kept photos of a record's form (components/DocUploader.tsx, components/KeptPhotos.tsx).
export { DocUploader } from '../../components/DocUploader.tsx';
export { KeptPhotos } from '../../components/KeptPhotos.tsx';
