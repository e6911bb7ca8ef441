/** IDs of knowledge bases and items for the knowledge tests. */
export const BASE_ID = '5b3a9c1e-2f4d-4a6b-8c7d-9e0f1a2b3c4d';
export const ITEM_ID = '8d2e4f6a-1b3c-4d5e-9f0a-2b4c6d8e0f1a';
export const OTHER_ITEM_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
