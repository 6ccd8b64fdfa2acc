/** A notification as people read it, whatever the provider: a title, a sentence, labelled facts and links. */
export interface NotificationMessage {
  title: string;
  text: string;
  facts: { label: string; value: string }[];
  links: { label: string; url: string }[];
}
